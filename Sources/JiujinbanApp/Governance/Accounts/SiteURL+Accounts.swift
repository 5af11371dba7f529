import Foundation
import Vapor

/// The pages and endpoints of Accounts: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let accounts = SiteURL(["accounts"], "/accounts")
    static let newAccount = SiteURL(["accounts", "new"], "/accounts/new")
    static func account(id: UUID) -> SiteURL {
        SiteURL(["accounts", ":id"], "/accounts/\(id.uuidString.lowercased())")
    }
    static func accountStatus(id: UUID) -> SiteURL {
        SiteURL(["accounts", ":id", "status"], "/accounts/\(id.uuidString.lowercased())/status")
    }
    static func accountGrants(id: UUID) -> SiteURL {
        SiteURL(["accounts", ":id", "grants"], "/accounts/\(id.uuidString.lowercased())/grants")
    }
    static let accountReview = SiteURL(["accounts", "review"], "/accounts/review")
    static let myAccount = SiteURL(["my-account"], "/my-account")
    static let reportLeak = SiteURL(["my-account", "leak"], "/my-account/leak")
}
