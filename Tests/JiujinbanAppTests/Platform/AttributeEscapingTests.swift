@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

@Suite("Text shown back inside attribute values is escaped (S23)")
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
}
