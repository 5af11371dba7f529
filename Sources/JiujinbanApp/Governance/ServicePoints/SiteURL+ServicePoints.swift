import Foundation
import Vapor

/// The pages and endpoints of ServicePoints: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func servicePoints(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["service-points"], "/service-points" + Self.queryString(query))
    }
    static func servicePoint(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id"], "/service-points/\(id.uuidString.lowercased())")
    }
    static let newServicePoint = SiteURL(["service-points", "new"], "/service-points/new")
    static let createServicePoint = SiteURL(["service-points"], "/service-points")
    static func editServicePoint(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id", "edit"], "/service-points/\(id.uuidString.lowercased())/edit")
    }
    static func updateServicePoint(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id"], "/service-points/\(id.uuidString.lowercased())")
    }
    static func disableServicePoint(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id", "disable"], "/service-points/\(id.uuidString.lowercased())/disable")
    }
    static func enableServicePoint(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id", "enable"], "/service-points/\(id.uuidString.lowercased())/enable")
    }
}
