import Fluent
import Foundation
import JiujinbanRules
import SQLKit

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
    /// Whether the user may record item 2's case (push or not).
    let mayPush: Bool
    let mayRegister: Bool
    /// A push needs the person's phone; without one the page offers the record without a message only.
    var hasPhone = true
    /// How this search was widened past the registration (放宽条件), and a refused widening's problems.
    var widening = JobSearchWidening()
    var errors = FieldErrors()
    /// Whether a recommendation exists — postings on this page, or an earlier case of item 2 — so that 登记已就业
    /// makes sense.
    var recommended = false
    /// What the page offers when nothing fits.
    var nextSteps = JobNextSteps()
}

/// 下一步 when no posting fits: the search widened, gig work, training, every posting — each a link the user may open.
struct JobNextSteps: Sendable {
    struct Link: Sendable, Equatable {
        let label: String
        let url: SiteURL
    }

    var widen: [Link] = []
    var gigs: [Link] = []
    var training: [Link] = []
    var postings: Link?
}

enum RecommendationQueries {
    /// Whether the person has a case of item 2 already (a recommendation made, pushed or not, or none fitting).
    static func recommendedBefore(citizen: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            SELECT 1 AS found FROM cases WHERE citizen_id = \(bind: citizen) AND item_seq = \(bind: JobRecommendationItem.seq) LIMIT 1
            """).first() != nil
    }

    /// The next steps for a person nothing fits: the wider searches the registration allows, the person's gig items
    /// (a recommendation once registered for gig work, the registration before), the 我要学技能 items, and the
    /// search of every posting — each item only where the user may accept it, each started for this person.
    static func nextSteps(citizen: UUID, seeker: JobSeekerRecord, widening: JobSearchWidening, gigSeeker: Bool,
                          catalogue: ServiceCatalogue, mayAccept: (Int) -> Bool) -> JobNextSteps {
        func start(_ seq: Int, _ label: String? = nil) -> JobNextSteps.Link? {
            guard mayAccept(seq), let item = catalogue.items.first(where: { $0.seq == seq }) else { return nil }
            return JobNextSteps.Link(label: label ?? item.name, url: .newCase(citizen: citizen, item: seq))
        }
        var steps = JobNextSteps()
        steps.widen = widening.offers(registeredMeters: seeker.maximumDistanceMeters, registeredPlaces: !seeker.placeCodes.isEmpty).map {
            JobNextSteps.Link(label: $0.label, url: .jobRecommendations(citizen: citizen, query: $0.widening.queryItems))
        }
        steps.gigs = [start(gigSeeker ? GigRecommendationItem.seq : GigSeekerItem.seq), start(GigSearchItem.seq)].compactMap { $0 }
        steps.training = catalogue.items(in: "skill").compactMap { start($0.seq) }
        steps.postings = start(JobPostingSearchItem.seq, "查询全部招聘岗位")
        return steps
    }

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
