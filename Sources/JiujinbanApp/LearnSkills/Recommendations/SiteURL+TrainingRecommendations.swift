import Foundation
import Vapor

/// The pages of 培训机构推荐: the person's ranked institutions per open intention, and the printed list of a case.
extension SiteURL {
    static func trainingRecommendations(citizen: UUID) -> SiteURL {
        SiteURL(["training", "recommend", ":citizen"], "/training/recommend/\(citizen.uuidString.lowercased())")
    }
    static func trainingRecommendationPrint(case id: UUID) -> SiteURL {
        SiteURL(["training", "recommendation-print", ":id"], "/training/recommendation-print/\(id.uuidString.lowercased())")
    }
    static func withdrawTrainingIntention(id: UUID) -> SiteURL {
        SiteURL(["training", "intentions", ":id", "withdraw"], "/training/intentions/\(id.uuidString.lowercased())/withdraw")
    }
}
