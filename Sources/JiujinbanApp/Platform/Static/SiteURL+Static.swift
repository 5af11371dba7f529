import Foundation
import Vapor

/// The pages and endpoints of Static: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let stylesheet = SiteURL(["static", "app.css"], "/static/app.css")
    static let loginScript = SiteURL(["static", "login.js"], "/static/login.js")
    static let siteScript = SiteURL(["static", "site.js"], "/static/site.js")
    static let favicon = SiteURL(["favicon.ico"], "/favicon.ico")
}
