import Foundation
import Vapor

/// The pages and endpoints of Registrations: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func employmentCard(citizen: UUID) -> SiteURL {
        SiteURL(["registrations", "card", ":citizen"], "/registrations/card/\(citizen.uuidString.lowercased())")
    }
    static func endEmploymentRegistration(id: UUID) -> SiteURL {
        SiteURL(["registrations", ":id", "end"], "/registrations/\(id.uuidString.lowercased())/end")
    }
}
