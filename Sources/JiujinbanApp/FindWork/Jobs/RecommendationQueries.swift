import Foundation
import JiujinbanRules

// Item 2's page value: the controller reads the person, the registration and the market; this turns them into what
// `RecommendationPages.page` shows, so the render takes no Fluent model.

/// A person's job-seeker registration as item 2's page shows it.
struct JobSeekerFacts: Sendable {
    /// The wanted occupations by name, or 不限.
    let wantedText: String
    let wageText: String
    let distanceText: String
    /// The acceptable workplaces by name, or 不限.
    let placesText: String
    let educationLabel: String
    let availableFrom: String
    /// 有效, or 已结束 with the reason.
    let statusText: String
    let isActive: Bool
}

/// One recommended posting: the match and the posting's title and employer.
struct JobMatchLine: Sendable {
    let postingID: String
    let title: String
    let employerName: String
    let score: Int
    let reasons: [JobMatcher.Reason]
}

/// 固定工岗位信息推荐 (item 2): the person, the registration if any, and the postings it suits.
struct JobRecommendationsView: Sendable {
    let citizenID: UUID
    let maskedName: String
    let seeker: JobSeekerFacts?
    let matches: [JobMatchLine]
    let mayPush: Bool
    let mayRegister: Bool
}

enum RecommendationQueries {
    static func wageText(_ seeker: JobSeekerRecord) -> String {
        guard let fen = seeker.expectedWageFen else { return "未填" }
        return JobPostingPages.yuan(fen) + "元"
    }

    static func distanceText(_ seeker: JobSeekerRecord) -> String {
        guard let metres = seeker.maximumDistanceMeters else { return "不限" }
        return MonthlyReportTable.kilometres(metres) + "以内"
    }

    static func facts(_ seeker: JobSeekerRecord, occupations: [String: String], places: [String: String]) -> JobSeekerFacts {
        let wanted = seeker.occupationCodes.map { Occupation.wanted($0, names: occupations) }.joined(separator: "、")
        return JobSeekerFacts(
            wantedText: wanted.isEmpty ? "不限" : wanted, wageText: wageText(seeker), distanceText: distanceText(seeker),
            placesText: seeker.placeCodes.isEmpty ? "不限" : seeker.placeCodes.map { places[$0.value] ?? $0.value }.joined(separator: "、"),
            educationLabel: EducationLevel(rawValue: seeker.education)?.label ?? "", availableFrom: seeker.availableFrom,
            statusText: seeker.isActive ? "有效" : "已结束（\(seeker.endReason ?? "")）", isActive: seeker.isActive)
    }

    static func view(citizen: CitizenRecord, seeker: JobSeekerRecord?, occupations: [String: String], places: [String: String],
                     matches: [JobMatcher.Match], postings: [String: JobMarket.Posting], mayPush: Bool, mayRegister: Bool)
        throws -> JobRecommendationsView
    {
        let lines = matches.map { match in
            let posting = postings[match.postingID]
            return JobMatchLine(postingID: match.postingID, title: posting?.title ?? "", employerName: posting?.employerName ?? "",
                                score: match.score, reasons: match.reasons)
        }
        return JobRecommendationsView(citizenID: try citizen.requireID(), maskedName: Masking.maskedName(citizen.name),
                                      seeker: seeker.map { facts($0, occupations: occupations, places: places) },
                                      matches: lines, mayPush: mayPush, mayRegister: mayRegister)
    }
}
