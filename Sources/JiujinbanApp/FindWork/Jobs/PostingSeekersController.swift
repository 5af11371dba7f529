import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 双向匹配, the employer's side: for one open posting, the registered job seekers of the user's division it suits
/// best, by the points item 2 gives them, so staff can tell an employer who fits. Residents are listed masked, and
/// every view is audited.
enum PostingSeekersController {
    static let shown = 20

    static func register(_ app: Application) {
        app.get(.jobPostingSeekers(id: UUID()), .capability(.serveCitizens), use: page)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let record = try await JobPostingRecord.find(id, on: req.db)
        else { throw PublicError.notFound("该岗位") }
        let today = req.jiujinban.clock.today
        let posting = try await req.jobMarket().posting(id: id.uuidString.lowercased())
        let open = posting.map { !$0.closed && $0.validUntil >= today } ?? false
        var matches: [JobMatcher.SeekerMatch] = []
        var names: [String: String] = [:]
        if open, let posting {
            let candidates = try await Self.candidates(within: staff.scopeRoot, today: today, on: req.db)
            matches = JobMatcher.rankSeekers(candidates.map(\.candidate), for: posting.profile, today: today, limit: shown)
            names = Dictionary(candidates.map { ($0.candidate.id, $0.maskedName) }, uniquingKeysWith: { first, _ in first })
        }
        let count = matches.count
        try await req.write { db in
            try await req.audit(AuditEvent("job.seekers_for_posting", objectType: "job_posting", objectID: id.uuidString,
                                           detail: "\(count)名求职者"), on: db)
        }
        let view = PostingSeekersView(postingID: try record.requireID(), title: record.title, open: open, matches: matches, maskedNames: names,
                                      scope: try await DivisionNames.path(staff.scopeRoot.value, on: req.db))
        return HTMLResponse.make(PostingSeekersPage.render(view, context: PageContext(req)))
    }

    /// The active job seekers living in `scope`, as matching sees them, with their masked names.
    static func candidates(within scope: DivisionCode, today: CalendarDate, on db: any Database)
        async throws -> [(candidate: JobMatcher.Candidate, maskedName: String)]
    {
        let prefix = scope.scopePrefix
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT s.citizen_id, c.name, \(JobSeekerRecord.profileColumns)
            FROM job_seekers s JOIN citizens c ON c.id = s.citizen_id
            WHERE s.residence_division >= \(bind: prefix) AND s.residence_division < \(bind: prefix + "a") AND s.ended_on IS NULL
            """).all()
        return try rows.compactMap { row in
            guard let profile = try JobSeekerRecord.profile(row: row, today: today) else { return nil }
            let citizen = try row.decode(column: "citizen_id", as: UUID.self).uuidString.lowercased()
            return (JobMatcher.Candidate(id: citizen, profile: profile), Masking.maskedName(try row.decode(column: "name", as: String.self)))
        }
    }
}
