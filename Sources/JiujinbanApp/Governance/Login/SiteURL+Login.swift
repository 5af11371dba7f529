import Foundation
import Vapor

/// The pages and endpoints of Login: each one's route pattern and its path with parameters filled in. The login page
/// itself and signing out are the platform's addresses (`SiteURL+Platform`), which this feature serves.
extension SiteURL {
    static func loginStatus(ticket: String) -> SiteURL {
        SiteURL(["login", "status"], "/login/status" + Self.queryString([("ticket", ticket)]))
    }
    static func loginScan(ticket: String) -> SiteURL {
        SiteURL(["login", "scan"], "/login/scan" + Self.queryString([("ticket", ticket)]))
    }
    static let loginComplete = SiteURL(["login", "complete"], "/login/complete")
    static let loginChoose = SiteURL(["login", "choose"], "/login/choose")
    static let cardCallback = SiteURL(["login", "card", "callback"], "/login/card/callback")
    static func cardSimulator(ticket: String) -> SiteURL {
        SiteURL(["dev", "card-simulator"], "/dev/card-simulator" + Self.queryString([("ticket", ticket)]))
    }
    static let cardSimulatorScan = SiteURL(["dev", "card-simulator"], "/dev/card-simulator")
}
