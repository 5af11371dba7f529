import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

/// The expected post × capability matrix, written by hand. Columns, in `Post.allCases` order:
/// system admin, business admin, operator, reviewer, expert, task force, city officer, auditor.
/// The two item rows are for an account holding both `.handle` and `.review` grants on the item.
private let expectedGrid: [(Capability, String)] = [
    //                                  sys bus op rev exp tf city aud
    (.viewDivisions,                  "x   x   x  x   x   x  x    ."),
    (.viewServicePoints,              "x   x   x  x   x   x  x    ."),
    (.manageServicePoints,            "x   .   .  .   .   .  .    ."),
    (.manageDivisions,                "x   .   .  .   .   .  .    ."),
    (.manageAccounts,                 "x   .   .  .   .   .  .    ."),
    (.assignRoles,                    ".   x   .  .   .   .  .    ."),
    (.grantItemPermissions,           ".   x   .  .   .   .  .    ."),
    (.reviewAccountStatus,            "x   x   .  .   .   .  .    ."),
    (.fileAccountApplication,         "x   x   x  .   .   .  .    ."),
    (.reviewAccountApplications,      "x   x   .  .   .   .  .    ."),
    (.forwardAccountApplications,     ".   .   .  .   .   .  x    ."),
    (.receiveApplicationFilings,      ".   .   .  .   .   .  x    ."),
    (.readAuditTrail,                 ".   .   .  .   .   .  .    x"),
    (.viewCaseStatistics,             ".   x   .  x   .   x  x    ."),
    (.manageWorkCalendar,             "x   .   .  .   .   .  .    ."),
    (.serveCitizens,                  ".   .   x  x   .   .  .    ."),
    (.viewOwnWork,                    ".   .   x  x   x   .  .    ."),
    (.reportProblem,                  "x   x   x  x   x   x  x    ."),
    (.handleGuidanceQuestions,        ".   x   .  .   x   .  .    ."),
    (.handleEscalatedQuestions,       ".   .   .  .   .   .  x    ."),
    (.taskForceQueue,                 ".   .   .  .   .   x  .    ."),
    (.manageResponsibilityList,       ".   x   .  .   .   .  .    ."),
    (.problemOversight,               ".   x   .  .   .   x  x    ."),
    (.scheduleTraining,               ".   .   .  .   .   x  .    ."),
    (.viewMonthlyReport,              ".   x   .  .   .   x  x    ."),
    (.inspectServicePoints,           ".   x   .  .   .   .  .    ."),
    (.manageKiosks,                   "x   .   .  .   .   .  .    ."),
    (.enterMonthlyReport,             ".   .   x  .   .   .  .    ."),
    (.reviewMonthlyReport,            ".   x   .  .   .   .  .    ."),
    (.searchEmploymentDirectories,                 "x   x   x  x   x   x  x    ."),
    (.manageEmploymentDirectories,                 ".   x   .  .   .   .  .    ."),
    (.registerEmployers,              ".   .   x  .   .   .  .    ."),
    (.viewPolicyFigures,              ".   x   .  x   .   .  .    ."),
    (.managePolicyFigures,            ".   x   .  .   .   .  .    ."),
    (.manageTraining,                 ".   x   .  .   .   .  .    ."),
    (.recogniseHardship,              ".   .   .  x   .   .  .    ."),
    (.viewTrainingStatistics,         ".   x   x  .   .   .  .    ."),
    (.handle(item: 11),               ".   .   x  .   .   .  .    ."),
    (.review(item: 11),               ".   .   .  x   .   .  .    ."),
]

private let grantsOnItem11: Set<ItemPermission> = [.handle(11), .review(11)]

/// The generated matrix: one cell per post and capability of the grid.
private let matrixCells: [(Post, Capability, Bool)] = expectedGrid.flatMap { capability, row in
    zip(Post.allCases, row.split(separator: " ", omittingEmptySubsequences: true)).map {
        ($0.0, capability, $0.1 == "x")
    }
}

@Suite("功能权限矩阵 post × capability matrix")
struct CapabilityMatrixTests {
    @Test("the grid has one row per capability and one column per post")
    func gridIsComplete() {
        #expect(expectedGrid.dropLast(2).map(\.0) == Capability.general)
        #expect(Set(Capability.general).count == Capability.general.count)
        #expect(matrixCells.count == expectedGrid.count * Post.allCases.count)
    }

    @Test("post × capability", arguments: matrixCells)
    func cell(post: Post, capability: Capability, expected: Bool) {
        #expect(Capability.granted(to: post, grants: grantsOnItem11).contains(capability) == expected)
    }

    @Test("a post has exactly the grid's capabilities, nothing more", arguments: Post.allCases)
    func nothingBeyondTheGrid(post: Post) {
        let expected = Set(matrixCells.filter { $0.0 == post && $0.2 }.map(\.1))
        #expect(Capability.granted(to: post, grants: grantsOnItem11) == expected)
    }

    @Test("administrators never handle or review, whatever grants are stored", arguments: [Post.systemAdmin, .businessAdmin])
    func administratorsIgnoreGrants(post: Post) {
        let everything = Set((1...40).flatMap { [ItemPermission.handle($0), .review($0)] })
        let capabilities = Capability.granted(to: post, grants: everything)
        #expect(!capabilities.contains { if case .handle = $0 { true } else if case .review = $0 { true } else { false } })
    }

    @Test("the auditor reads the audit trail and nothing else")
    func auditor() {
        let everything = Set((1...40).flatMap { [ItemPermission.handle($0), .review($0)] })
        #expect(Capability.granted(to: .auditor, grants: everything) == [.readAuditTrail])
    }

    @Test("item capabilities follow the grants one by one")
    func itemCapabilities() {
        let operatorCaps = Capability.granted(to: .operator, grants: [.handle(1), .handle(38), .review(11)])
        #expect(operatorCaps.contains(.handle(item: 1)))
        #expect(operatorCaps.contains(.handle(item: 38)))
        #expect(!operatorCaps.contains(.handle(item: 2)))
        #expect(!operatorCaps.contains(.review(item: 11)))
        let reviewerCaps = Capability.granted(to: .reviewer, grants: [.review(11), .handle(1)])
        #expect(reviewerCaps.contains(.review(item: 11)))
        #expect(!reviewerCaps.contains(.handle(item: 1)))
        #expect(!Capability.granted(to: .operator, grants: []).contains(.handle(item: 1)))
    }

    @Test("only an active account may use its capabilities", arguments: AccountStatus.allCases)
    func onlyActive(status: AccountStatus) {
        let account = AccountFixture.staff(.operator, at: Units.taianVillage, 50, status: status)
        #expect(account.may(.viewServicePoints) == (status == .active))
        #expect(account.may(.handle(item: 1), grants: [.handle(1)]) == (status == .active))
        #expect(!account.may(.manageAccounts))
    }

    @Test func labels() {
        #expect(Capability.handle(item: 11).label == "第11项 经办")
        #expect(Capability.readAuditTrail.label == "查阅审计日志")
        #expect(Set(Capability.general.map(\.label)).count == Capability.general.count)
        #expect(ItemPermission.review(21).label == "第21项 审核")
    }
}
