import Foundation
@testable import JiujinbanApp
import Testing
import Vapor

/// Each feature declares its own pages (`SiteURL+<Feature>.swift`), pattern and path side by side: a link built from
/// one must reach the route registered from the same value.
@Suite("Site URLs: every link reaches its own route")
struct SiteURLTests {
    static let id = UUID()
    static let samples: [SiteURL] = [
        .home, .healthz, .stylesheet, .divisions, .division(code: "140830000000"),
        .newDivision(parent: "140830"), .servicePoints(query: [("q", "古魏")]), .servicePoint(id: id),
        .editServicePoint(id: id), .serviceGuide(seq: 7), .apiDivision(code: "140830"), .login,
        .loginStatus(ticket: "t"), .auditLog(), .account(id: id), .accountApplicationPrint(id: id),
        .workCalendar(query: [("year", "2026")]), .cases(), .newCase(citizen: id, item: 1), .acceptCase,
        .caseFile(id: id), .caseAction(id: id), .caseReceipt(id: id), .citizen(id: id), .problem(id: id),
        .monthlyReport(), .monthlyReportEntry(), .servicePointAcceptance(id: id), .kiosks, .policy(id: id),
        .employer(id: id), .jobPosting(id: id), .jobRecommendations(citizen: id), .gig(id: id),
        .gigRecommendations(citizen: id), .jobFair(id: id), .archiveOffice(id: id), .employmentCard(citizen: id),
        .endEmploymentRegistration(id: id),
        .trainingRecommendations(citizen: id), .trainingRecommendationPrint(case: id),
    ]

    @Test("the path of each sample matches its own pattern, parameter for parameter")
    func pathsMatchPatterns() {
        for url in Self.samples {
            let path = url.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url.path
            let parts = path.split(separator: "/").map(String.init)
            #expect(parts.count == url.pattern.count, "\(url.path) against \(url.pattern)")
            for (part, component) in zip(parts, url.pattern) {
                switch component {
                case .constant(let constant): #expect(part == constant, "\(url.path) against \(url.pattern)")
                case .parameter: #expect(!part.isEmpty)
                default: Issue.record("\(url.pattern) uses a catch-all")
                }
            }
        }
    }

    @Test("every sample's pattern is a registered route")
    func patternsAreRegistered() async throws {
        try await TestApp.run { app in
            let registered = Set(app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            for url in Self.samples {
                #expect(registered.contains(url.pattern.map(\.description).joined(separator: "/")), "\(url.path)")
            }
        }
    }
}
