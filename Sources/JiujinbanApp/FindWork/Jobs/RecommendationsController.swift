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

    /// The ranked postings, widened for this search when the page's query asks (`distance_km`, `places`); a
    /// widening the registration does not allow is refused by field (422) and the registered search shown.
    @Sendable static func recommend(_ req: Request) async throws -> Response {
        let (citizen, seeker) = try await person(req)
        var widening = JobSearchWidening()
        var errors = FieldErrors()
        switch JobSearchWidening.parse(distanceKm: try? req.query.get(String.self, at: "distance_km"),
                                       places: try? req.query.get(String.self, at: "places"),
                                       registeredMeters: seeker?.maximumDistanceMeters) {
        case .success(let value): widening = value
        case .failure(let found): errors = found
        }
        let (matches, postings) = try await ranked(req, citizen: citizen, seeker: seeker, widening: widening)
        let shown = matches.count
        let id = try citizen.requireID()
        let detail = "\(shown)个岗位" + (widening.isWidened ? "（\(widening.description)）" : "")
        try await req.write { db in
            try await req.audit(AuditEvent("job.recommend_view", objectType: "citizen", objectID: id.uuidString, detail: detail), on: db)
        }
        return try await page(req, citizen: citizen, seeker: seeker, matches: matches, postings: postings, widening: widening,
                              errors: errors, employment: RecommendationPages.EmploymentForm(), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The postings that suit an active registration, searched as `widening` says, best first.
    static func ranked(_ req: Request, citizen: CitizenRecord, seeker: JobSeekerRecord?, widening: JobSearchWidening) async throws
        -> ([JobMatcher.Match], [String: JobMarket.Posting])
    {
        let today = req.jiujinban.clock.today
        guard let seeker, seeker.isActive, let born = CalendarDate(iso: citizen.birthDate),
              let profile = seeker.profile(born: born, today: today) else { return ([], [:]) }
        let market = try await req.jobMarket()
        let matches = market.recommend(for: widening.applied(to: profile), today: today, limit: 20)
        var postings: [String: JobMarket.Posting] = [:]
        for match in matches { postings[match.postingID] = market.posting(id: match.postingID) }
        return (matches, postings)
    }

    /// The person whose page this is (under `CitizenScope`), with their job-seeker registration if any.
    static func person(_ req: Request) async throws -> (CitizenRecord, JobSeekerRecord?) {
        let citizen = try await CitizenAccess.require(req.parameters.get("citizen"), req: req)
        return (citizen, try await JobSeekerRecord.find(citizen: try citizen.requireID(), on: req.db))
    }

    static func page(_ req: Request, citizen: CitizenRecord, seeker: JobSeekerRecord?, matches: [JobMatcher.Match],
                     postings: [String: JobMarket.Posting], widening: JobSearchWidening, errors: FieldErrors,
                     employment: RecommendationPages.EmploymentForm, status: HTTPStatus) async throws -> Response
    {
        let staff = try req.requireStaff()
        let id = try citizen.requireID()
        let occupations = try await OccupationStore.names(of: seeker?.occupationCodes ?? [], on: req.db)
        let places = try await DirectoryDivisions.names(seeker?.placeCodes.map(\.value) ?? [], on: req.db)
        func mayAccept(_ seq: Int) -> Bool { CaseFile.mayAccept(staff.account, item: seq, grants: staff.grants).isAllowed }
        var view = try RecommendationQueries.view(
            citizen: citizen, seeker: seeker, occupations: occupations, places: places, matches: matches, postings: postings,
            mayPush: mayAccept(JobRecommendationItem.seq), mayRegister: mayAccept(JobSeekerItem.seq))
        view.hasPhone = citizen.phoneSealed != nil
        view.widening = widening
        view.errors = errors
        view.recommended = matches.isEmpty ? try await RecommendationQueries.recommendedBefore(citizen: id, on: req.db) : true
        if let seeker, seeker.isActive, matches.isEmpty {
            view.nextSteps = RecommendationQueries.nextSteps(
                citizen: id, seeker: seeker, widening: widening,
                gigSeeker: try await GigSeekerRecord.find(citizen: id, on: req.db)?.isActive == true,
                catalogue: req.jiujinban.catalogue, mayAccept: mayAccept)
        }
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
