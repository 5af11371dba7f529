import Foundation
import Vapor

/// The pages and endpoints of Acceptance: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func servicePointAcceptance(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id", "acceptance"], "/service-points/\(id.uuidString.lowercased())/acceptance")
    }
    static func servicePointMilestones(id: UUID) -> SiteURL {
        SiteURL(["service-points", ":id", "milestones"], "/service-points/\(id.uuidString.lowercased())/milestones")
    }
    static func acceptancePhoto(id: UUID, position: Int) -> SiteURL {
        SiteURL(
            ["acceptances", ":id", "photos", ":position"],
            "/acceptances/\(id.uuidString.lowercased())/photos/\(position)"
        )
    }
}
