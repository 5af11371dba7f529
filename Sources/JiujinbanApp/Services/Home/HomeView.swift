import Foundation
import JiujinbanRules

/// The home page as a work page: what the signed-in post does first, as plain values (`HomeQueries.view`), rendered
/// by `HomePage`. Every section holds only what the post may open.
struct HomeView: Sendable {
    /// One open case in a work list, the person's name already masked (domain rules §10).
    struct CaseLine: Sendable, Equatable {
        let id: UUID
        let number: String
        let itemName: String
        let maskedCitizenName: String
        let pointName: String
        let acceptedOn: String
        let deadline: String?
        let urgency: CaseUrgency
        let stateLabel: String
        /// The reason the case keeps (the core system's, for a case it returned).
        var reason: String?
    }

    /// A kind of work waiting for the user, counted, with the list it is on.
    struct Waiting: Sendable, Equatable {
        let label: String
        let count: Int
        let url: SiteURL
        var note: String?
    }

    /// The old coverage table: one county's points (its name linked where the user may open it: `PageContext.mayOpen`).
    struct Coverage: Sendable {
        let county: DivisionSummary
        let counts: ServicePointCounts
    }

    /// The lists are cut to this many lines; the workbench has them all.
    static let listed = 30

    /// Operators: the person search comes first (办事群众).
    var searchesPeople = false
    /// Operators: the point's cases waiting for review, the most urgent first.
    var openCases: [CaseLine] = []
    var openTotal = 0
    /// Operators: the point's cases returned for missing documents.
    var returnedCases: [CaseLine] = []
    var returnedTotal = 0
    /// Operators: the point's cases the core system returned (核心系统退回), each with its reason, the oldest first.
    var coreReturnedCases: [CaseLine] = []
    var coreReturnedTotal = 0
    /// Reviewers: the county's cases waiting for their review, the most urgent first.
    var reviewQueue: [CaseLine]?
    var reviewTotal = 0
    /// Administrators, experts, the city and the province: what waits for them.
    var waiting: [Waiting] = []
    /// The counties of a department user's division and their service points.
    var coverage: [Coverage] = []
}
