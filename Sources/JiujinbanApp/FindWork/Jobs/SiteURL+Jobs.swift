import Foundation
import Vapor

/// The pages and endpoints of Jobs: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func employers(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["jobs", "employers"], "/jobs/employers" + Self.queryString(query))
    }
    static let newEmployer = SiteURL(["jobs", "employers", "new"], "/jobs/employers/new")
    static func employer(id: UUID) -> SiteURL {
        SiteURL(["jobs", "employers", ":id"], "/jobs/employers/\(id.uuidString.lowercased())")
    }
    static func newJobPosting(employer: UUID) -> SiteURL {
        SiteURL(
            ["jobs", "employers", ":id", "postings"],
            "/jobs/employers/\(employer.uuidString.lowercased())/postings"
        )
    }
    static func jobPostings(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["jobs", "postings"], "/jobs/postings" + Self.queryString(query))
    }
    static func jobPosting(id: UUID) -> SiteURL {
        SiteURL(["jobs", "postings", ":id"], "/jobs/postings/\(id.uuidString.lowercased())")
    }
    static func jobPostingSeekers(id: UUID) -> SiteURL {
        SiteURL(["jobs", "postings", ":id", "seekers"], "/jobs/postings/\(id.uuidString.lowercased())/seekers")
    }
    static func closeJobPosting(id: UUID) -> SiteURL {
        SiteURL(["jobs", "postings", ":id", "close"], "/jobs/postings/\(id.uuidString.lowercased())/close")
    }
    static func jobSeekers(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["jobs", "seekers"], "/jobs/seekers" + Self.queryString(query))
    }
    /// Item 2's page; `query` widens its search (`JobSearchWidening.queryItems`).
    static func jobRecommendations(citizen: UUID, query: [(String, String)] = []) -> SiteURL {
        SiteURL(["jobs", "recommendations", ":citizen"], "/jobs/recommendations/\(citizen.uuidString.lowercased())" + Self.queryString(query))
    }
    static func jobSeekerEmployed(citizen: UUID) -> SiteURL {
        SiteURL(
            ["jobs", "recommendations", ":citizen", "employed"],
            "/jobs/recommendations/\(citizen.uuidString.lowercased())/employed"
        )
    }
}
