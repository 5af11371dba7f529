import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Plot

/// Hand-made surroundings for the pure renders: no database, no application, no request.
enum ViewFixture {
    static let context = PageContext(
        holdsDemoData: false, path: "/", user: PageContext.User(name: "李娜", post: .operator, unitName: "古魏镇综合便民服务中心"),
        csrfToken: "csrf-7f3a", capabilities: [.serveCitizens],
        // The case pages' guards as their routes declare them, so the trail links what this operator may open.
        routes: RouteGuards(pages: [(SiteURL.cases().pattern, .capability(.serveCitizens)),
                                    (SiteURL.caseFile(id: UUID()).pattern, .capability(.serveCitizens))]))

    /// Text a hostile user could type into any free field.
    static let hostile = "<script>alert(\"x\")</script>"
    /// As text between tags (quotes need no escaping there) and as an attribute value.
    static let hostileEscaped = "&lt;script&gt;alert(\"x\")&lt;/script&gt;"
    static let hostileInAttribute = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"

    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }

    /// 2026-12-03 09:30 in Shanghai.
    static let morning = Date(timeIntervalSince1970: 1_796_261_400)

    /// The rows of every table on the page, each as its cells' text (tags stripped), in order.
    static func rows(_ html: String) -> [[String]] {
        html.matches(of: /<tr[^>]*>(.*?)<\/tr>/).map { row in
            String(row.1).matches(of: /<t[dh][^>]*>(.*?)<\/t[dh]>/).map { cell in
                String(cell.1).replacing(/<[^>]+>/, with: "")
            }
        }
    }

    /// The markup of one form field: from its label to the next field (or the form's end), so that a test can say
    /// that an error message stands next to its own field and not another's.
    static func field(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "for=\"\(name)\"") ?? html.range(of: "name=\"\(name)\"") else { return nil }
        let rest = html[start.upperBound...]
        let ends = ["<div class=\"field", "<fieldset", "</form>"].compactMap { rest.range(of: $0)?.lowerBound }
        return String(rest[..<(ends.min() ?? rest.endIndex)])
    }
}
