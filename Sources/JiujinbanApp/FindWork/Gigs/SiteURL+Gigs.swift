import Foundation
import Vapor

/// The pages and endpoints of Gigs: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func gigs(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["gigs"], "/gigs" + Self.queryString(query))
    }
    static func gig(id: UUID) -> SiteURL {
        SiteURL(["gigs", ":id"], "/gigs/\(id.uuidString.lowercased())")
    }
    static func gigHired(id: UUID) -> SiteURL {
        SiteURL(["gigs", ":id", "hired"], "/gigs/\(id.uuidString.lowercased())/hired")
    }
    static let gigSkills = SiteURL(["gigs", "skills"], "/gigs/skills")
    static func gigSkillRename(code: String) -> SiteURL {
        SiteURL(["gigs", "skills", ":code", "rename"], "/gigs/skills/\(code)/rename")
    }
    static func gigSkillRetire(code: String) -> SiteURL {
        SiteURL(["gigs", "skills", ":code", "retire"], "/gigs/skills/\(code)/retire")
    }
    static func gigSkillRestore(code: String) -> SiteURL {
        SiteURL(["gigs", "skills", ":code", "restore"], "/gigs/skills/\(code)/restore")
    }
    static func gigRecommendations(citizen: UUID) -> SiteURL {
        SiteURL(["gigs", "recommendations", ":citizen"], "/gigs/recommendations/\(citizen.uuidString.lowercased())")
    }
    static func gigRecruiter(citizen: UUID) -> SiteURL {
        SiteURL(["gigs", "recruiters", ":citizen"], "/gigs/recruiters/\(citizen.uuidString.lowercased())")
    }
    static func gigWorkers(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["gigs", "workers"], "/gigs/workers" + Self.queryString(query))
    }
}
