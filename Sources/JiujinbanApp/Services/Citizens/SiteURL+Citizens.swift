import Foundation
import Vapor

/// The pages and endpoints of Citizens: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let citizens = SiteURL(["citizens"], "/citizens")
    /// The person search started for an item (服务指南 → 受理): once the person is found, the item's form opens.
    static func citizens(item: Int) -> SiteURL {
        SiteURL(["citizens"], "/citizens" + Self.queryString([("item", String(item))]))
    }
    static let citizenLookup = SiteURL(["citizens", "lookup"], "/citizens/lookup")
    static let registerCitizen = SiteURL(["citizens"], "/citizens")
    /// The registration form a search that found no one leads to (post/redirect/get); the typed number is held
    /// for the session, never put in the URL.
    static func newCitizen(item: Int? = nil) -> SiteURL {
        SiteURL(["citizens", "new"], "/citizens/new" + Self.queryString(item.map { [("item", String($0))] } ?? []))
    }
    static func citizen(id: UUID) -> SiteURL {
        SiteURL(["citizens", ":id"], "/citizens/\(id.uuidString.lowercased())")
    }
    static func revealCitizen(id: UUID) -> SiteURL {
        SiteURL(["citizens", ":id", "reveal"], "/citizens/\(id.uuidString.lowercased())/reveal")
    }
    /// 恢复脱敏: ends the session's 显示完整信息 grant before its time.
    static func concealCitizen(id: UUID) -> SiteURL {
        SiteURL(["citizens", ":id", "conceal"], "/citizens/\(id.uuidString.lowercased())/conceal")
    }
}
