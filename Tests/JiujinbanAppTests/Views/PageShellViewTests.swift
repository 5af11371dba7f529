import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// The header's user box draws the links the features register (`HeaderLink`), knowing none of them: here they are
/// hand-made, with a count of their own, and no feature or database is involved.
@Suite("Page shell: the header links features register")
struct PageShellViewTests {
    static let inbox = SiteURL(["inbox"], "/inbox")
    static let waiting = SessionCount(key: "waiting", subquery: "SELECT 0") { "收件箱（\($0)件待办）" }
    static let links = [HeaderLink(url: SiteURL(["me"], "/me"), label: nil),
                        HeaderLink(url: inbox, label: "收件箱", count: waiting, cssClass: "inbox-link")]

    static func page(counts: [String: Int], links: [HeaderLink]) -> String {
        var user = PageContext.User(name: "李娜", post: .operator, unitName: "古魏镇综合便民服务中心")
        user.counts = counts
        let context = PageContext(holdsDemoData: false, user: user, csrfToken: "csrf-7f3a", headerLinks: links)
        return PageShell.render(title: "首页", context: context, content: []).render()
    }

    @Test("the name opens the registered page; a link shows its count while it is above zero, and is marked unread")
    func registeredLinks() {
        let waiting = Self.page(counts: ["waiting": 3], links: Self.links)
        #expect(waiting.contains(#"<a class="user-name" href="/me">李娜</a>"#))
        #expect(waiting.contains(#"<a class="inbox-link unread" href="/inbox">收件箱（3件待办）</a>"#))
        let none = Self.page(counts: ["waiting": 0], links: Self.links)
        #expect(none.contains(#"<a class="inbox-link" href="/inbox">收件箱</a>"#) && !none.contains("待办"))
        #expect(none.contains("退出登录") && none.contains(#"action="/logout""#))
    }

    @Test("without registered links the name is plain text and nothing else is linked")
    func noLinks() {
        let html = Self.page(counts: [:], links: [])
        #expect(html.contains(#"<span class="user-name">李娜</span>"#))
        #expect(!html.contains("/me") && !html.contains("/inbox"))
    }
}
