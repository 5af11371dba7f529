import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// Item 2's page: the person's registration, the postings that suit it ranked with their reasons, and the push.
/// Also the list of a division's job seekers (a village operator sees its own residents).
enum RecommendationsController {
    static let pageSize = 50

    static func register(_ app: Application) {
        app.get(.jobRecommendations(citizen: UUID()), .capability(.serveCitizens), use: recommend)
        app.get(.jobSeekers(), .capability(.serveCitizens), use: seekers)
        app.post(.jobSeekerEmployed(citizen: UUID()), .capability(.serveCitizens), use: EmploymentFound.record)
    }

    @Sendable static func recommend(_ req: Request) async throws -> Response {
        let (citizen, seeker) = try await person(req)
        let today = req.jiujinban.clock.today
        var matches: [JobMatcher.Match] = []
        var postings: [String: JobMarket.Posting] = [:]
        if let seeker, seeker.isActive, let born = CalendarDate(iso: citizen.birthDate), let profile = seeker.profile(born: born, today: today) {
            let market = try await req.jobMarket()
            matches = market.recommend(for: profile, today: today, limit: 20)
            for match in matches { postings[match.postingID] = market.posting(id: match.postingID) }
        }
        let shown = matches.count
        let id = try citizen.requireID()
        try await req.write { db in
            try await req.audit(AuditEvent("job.recommend_view", objectType: "citizen", objectID: id.uuidString,
                                           detail: "\(shown)个岗位"), on: db)
        }
        return try await page(req, citizen: citizen, seeker: seeker, matches: matches, postings: postings,
                              employment: RecommendationPages.EmploymentForm(today: today), status: .ok)
    }

    /// The person whose page this is (under `CitizenScope`), with their job-seeker registration if any.
    static func person(_ req: Request) async throws -> (CitizenRecord, JobSeekerRecord?) {
        let citizen = try await CitizenAccess.require(req.parameters.get("citizen"), req: req)
        return (citizen, try await JobSeekerRecord.find(citizen: try citizen.requireID(), on: req.db))
    }

    static func page(_ req: Request, citizen: CitizenRecord, seeker: JobSeekerRecord?, matches: [JobMatcher.Match],
                     postings: [String: JobMarket.Posting], employment: RecommendationPages.EmploymentForm, status: HTTPStatus)
        async throws -> Response
    {
        let staff = try req.requireStaff()
        let occupations = try await OccupationStore.names(of: seeker?.occupationCodes ?? [], on: req.db)
        let places = try await DirectoryDivisions.names(seeker?.placeCodes.map(\.value) ?? [], on: req.db)
        let mayPush = CaseFile.mayAccept(staff.account, item: JobRecommendationItem.seq, grants: staff.grants).isAllowed
        let view = try RecommendationQueries.view(
            citizen: citizen, seeker: seeker, occupations: occupations, places: places, matches: matches, postings: postings, mayPush: mayPush,
            mayRegister: CaseFile.mayAccept(staff.account, item: JobSeekerItem.seq, grants: staff.grants).isAllowed)
        return HTMLResponse.make(RecommendationPages.page(view, employment: employment, context: PageContext(req)), status: status)
    }

    @Sendable static func seekers(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        var page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let prefix = staff.scopeRoot.scopePrefix
        let sql = req.db as! any SQLDatabase
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM job_seekers WHERE residence_division >= \(bind: prefix) AND residence_division < \(bind: prefix + "a")
                AND ended_on IS NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        // A page past the last shows the last (and a huge one cannot overflow the offset).
        page = min(page, max(1, (total + pageSize - 1) / pageSize))
        let rows = try await sql.raw("""
            SELECT s.citizen_id, c.name, s.occupations, s.expected_wage_fen, s.available_from, s.registered_at, s.residence_division
            FROM job_seekers s JOIN citizens c ON c.id = s.citizen_id
            WHERE s.residence_division >= \(bind: prefix) AND s.residence_division < \(bind: prefix + "a") AND s.ended_on IS NULL
            ORDER BY s.registered_at DESC, s.citizen_id LIMIT \(literal: pageSize) OFFSET \(literal: (page - 1) * pageSize)
            """).all()
        let occupations = Dictionary(uniqueKeysWithValues: try await OccupationStore.all(on: req.db).map { ($0.code, $0.name) })
        let lines = try rows.map { row in
            RecommendationPages.SeekerLine(
                citizen: try row.decode(column: "citizen_id", as: UUID.self),
                maskedName: Masking.maskedName(try row.decode(column: "name", as: String.self)),
                occupations: JobSeekerRecord.occupationCodes(try row.decode(column: "occupations", as: String.self))
                    .map { Occupation.wanted($0, names: occupations) }.joined(separator: "、"),
                expectedWageFen: try row.decode(column: "expected_wage_fen", as: Int?.self),
                availableFrom: try row.decode(column: "available_from", as: String.self),
                registeredOn: CalendarDate(try row.decode(column: "registered_at", as: Date.self)).iso)
        }
        // The list shows residents (masked), so reading it is audited like item 9's search.
        try await req.auditSearch("job_seeker.list", within: staff.scopeRoot, filters: [("page", page == 1 ? "" : String(page))], found: "\(total)人")
        return HTMLResponse.make(RecommendationPages.seekers(lines, total: total, page: page,
                                                             pages: max(1, (total + pageSize - 1) / pageSize), context: PageContext(req)))
    }
}
