@testable import JiujinbanApp
import Fluent
import Plot
import Testing
import Vapor
import VaporTesting

@Suite("Text shown back inside attribute values and between tags is escaped (S23)")
struct AttributeEscapingTests {
    static let payload = #"张三"><script>alert('x')</script>"#

    @Test("a search term and a ticket from the query string cannot close their value attribute")
    func reflectedQuery() async throws {
        try await TestApp.run { app in
            let auditor = try await app.session(as: .provinceAuditor)
            let query = SiteURL.queryString([("action", Self.payload)])
            try await app.testing().test(.GET, "/audit" + query, headers: auditor.headers) { res in
                #expect(res.status == .ok)
                #expect(!res.text.contains("<script>alert"))
                #expect(res.text.contains(#"value="张三&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;""#))
            }
            try await app.testing().test(.GET, "/dev/card-simulator" + SiteURL.queryString([("ticket", Self.payload)])) { res in
                #expect(res.status == .ok)
                #expect(!res.text.contains("<script>alert"))
            }
        }
    }

    @Test("escaping covers the five characters that matter in a quoted attribute")
    func escaping() {
        #expect(HTMLEscaping.attributeValue(#"a&b<c>d"e'f 中文"#) == "a&amp;b&lt;c&gt;d&quot;e&#39;f 中文")
    }

    @Test("text between tags: markup and anything shaped like a reference are escaped, plain text passes through as it is")
    func textNodes() throws {
        #expect(HTMLEscaping.text("芮城县古魏镇") == "芮城县古魏镇")
        #expect(HTMLEscaping.text(#"A&amp;B <b>"x"</b>"#) == #"A&amp;amp;B &lt;b&gt;"x"&lt;/b&gt;"#)
        // The pages' `.text` is this module's: a name typed with a reference shows as typed, markup as text.
        let page = HTML(.body(.div(.text("A&amp;B"), .span(.text(Self.payload))))).render()
        #expect(page.contains("<div>A&amp;amp;B<span>张三\"&gt;&lt;script&gt;alert('x')&lt;/script&gt;</span></div>"))
        // So is the app's: its option helper writes its label with `.text` inside the app module.
        let select = HTML(.body(.form(.select(.choice("x", "A&amp;B <i>"))))).render()
        #expect(select.contains(">A&amp;amp;B &lt;i&gt;</option>"))
    }

    @Test("a stored name with `&` and `\"` shows escaped exactly once in <title>, in a value and in text; no og:title copies")
    func storedNameOnce() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let name = #"芮城县"人才"服务&交流中心"#
            #expect(try await app.post(admin, "/archive-offices", [
                ("name", name), ("division", "140830000000"), ("address", "芮城县古魏镇永乐南街"), ("contact_phone", "0359 3021234"),
                ("hours", "周一至周五"), ("scope", "流动人员"),
            ]).0 == .seeOther)
            let office = try #require(try await ArchiveOfficeRecord.query(on: app.db).first())
            let path = "/archive-offices/\(try office.requireID().uuidString.lowercased())"
            let page = try await app.getPage(admin, path).1
            #expect(page.contains(#"<title>芮城县"人才"服务&amp;交流中心 - 就近办</title>"#))
            #expect(!page.contains("og:title") && !page.contains("twitter:title"))
            let form = try await app.getPage(admin, path + "/edit").1
            #expect(form.contains(#"value="芮城县&quot;人才&quot;服务&amp;交流中心""#))
            for twice in ["&amp;amp;", "&amp;quot;"] { #expect(!page.contains(twice) && !form.contains(twice)) }
        }
    }
}
