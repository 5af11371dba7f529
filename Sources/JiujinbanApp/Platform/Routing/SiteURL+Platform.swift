import Foundation
import Vapor

/// The pages the platform itself sends people to: the home page (the header's title, an error page's way back) and
/// signing in and out (the session middleware, the header's 退出登录). They are the platform's addresses; the home and
/// login features serve them.
extension SiteURL {
    static let home = SiteURL([], "/")
    static let login = SiteURL(["login"], "/login")
    static let logout = SiteURL(["logout"], "/logout")
}
