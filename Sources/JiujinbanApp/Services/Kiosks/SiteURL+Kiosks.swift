import Foundation
import Vapor

/// The pages and endpoints of Kiosks: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let kiosks = SiteURL(["kiosks"], "/kiosks")
    static func retireKiosk(id: UUID) -> SiteURL {
        SiteURL(["kiosks", ":id", "retire"], "/kiosks/\(id.uuidString.lowercased())/retire")
    }
}
