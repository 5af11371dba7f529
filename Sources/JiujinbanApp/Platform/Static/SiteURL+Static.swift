import Foundation
import Vapor

/// The pages and endpoints of Static: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let stylesheet = SiteURL(["static", "app.css"], "/static/app.css")
    static let loginScript = SiteURL(["static", "login.js"], "/static/login.js")
}
