import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// Items 5, 8 and 9: gigs for a registered worker, workers for a recruiter's gigs, and the county's workers searched.
/// Workers are shown with masked names; their phones never leave the platform except in the messages they are sent.
enum GigMatchingController {
    static func register(_ app: Application) {
        app.get(.gigRecommendations(citizen: UUID()), .capability(.serveCitizens), use: gigsForWorker)
        app.get(.gigRecruiter(citizen: UUID()), .capability(.serveCitizens), use: workersForRecruiter)
        app.get(.gigWorkers(), .capability(.serveCitizens), use: workers)
    }

    /// The person the path names, under `CitizenScope`.
    static func citizen(_ req: Request) async throws -> CitizenRecord {
        try await CitizenAccess.require(req.parameters.get("citizen"), req: req)
    }

    /// The open gigs of the worker's skills in the county, ranked (item 5).
    @Sendable static func gigsForWorker(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let citizen = try await citizen(req)
        let seeker = try await GigSeekerRecord.find(citizen: try citizen.requireID(), on: req.db)
        let today = req.jiujinban.clock.today
        let county = GigsController.county(of: staff)
        let names = try await GigSkills.names(county: county.countyCode, on: req.db)
        var matches: [GigMatcher.Match] = []
        var gigs: [String: GigPostingRecord] = [:]
        if let seeker, seeker.isActive, let profile = seeker.profile {
            let market = try await req.application.gigMarket.current(on: req.db, today: today)
            // The pool is the province's: skills are named by their match keys (a county's own skill with its county).
            let keyed = Dictionary(names.map { (GigSkill.matchKey($0.key, county: county.countyCode), $0.value) }, uniquingKeysWith: { a, _ in a })
            let ranked = market.gigs(for: profile, today: today, limit: 25, skillNames: keyed)
            let ids = ranked.compactMap { UUID(uuidString: $0.id) }
            for gig in try await GigPostingRecord.query(on: req.db).filter(\.$id ~~ ids).all() {
                if let id = gig.id { gigs[id.uuidString.lowercased()] = gig }
            }
            // A worker who also recruits is not offered their own gigs.
            matches = Array(ranked.filter { gigs[$0.id].map { $0.citizenID != seeker.citizenID } ?? false }.prefix(20))
        }
        let shown = matches.count, citizenID = try citizen.requireID()
        try await req.write { db in
            try await req.audit(AuditEvent("gig.recommend_view", objectType: "citizen", objectID: citizenID.uuidString, detail: "\(shown)个零工岗位"), on: db)
        }
        let view = try GigQueries.forWorker(
            citizen: citizen, seeker: seeker, names: names, matches: matches, gigs: gigs,
            mayPush: CaseFile.mayAccept(staff.account, item: GigRecommendationItem.seq, grants: staff.grants).isAllowed,
            mayRegister: CaseFile.mayAccept(staff.account, item: GigSeekerItem.seq, grants: staff.grants).isAllowed)
        return HTMLResponse.make(GigPages.forWorker(view, context: PageContext(req)))
    }

    /// The recruiter's gigs that are still open, each with its ranked workers (item 8).
    @Sendable static func workersForRecruiter(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let citizen = try await citizen(req)
        let today = req.jiujinban.clock.today
        let posted = try await GigPostingRecord.query(on: req.db).filter(\.$citizenID == citizen.requireID())
            .sort(\.$createdAt, .descending).limit(20).all()
        let county = GigsController.county(of: staff)
        let names = try await GigSkills.names(county: county.countyCode, on: req.db)
        var sections: [RecruiterGigSection] = []
        for gig in posted where gig.state(today: today) == .open {
            guard let profile = gig.profile(skillName: names[gig.skill] ?? gig.skill) else { continue }
            let workers = try await GigSeekerRecord.query(on: req.db).filter(\.$skills, .contains(inverse: false, .anywhere), ",\(gig.skill),")
                .filter(\.$endedOn == nil).filter(\.$residenceDivision >= gig.countyCode).filter(\.$residenceDivision < gig.countyCode + "a")
                .filter(\.$citizenID != gig.citizenID).all()
            let ranked = GigMatcher.seekers(workers.compactMap(\.profile), for: profile, today: today)
            let people = try await CitizenRecord.query(on: req.db).filter(\.$id ~~ ranked.compactMap { UUID(uuidString: $0.id) }).all()
            let masked = Dictionary(uniqueKeysWithValues: people.compactMap { person in person.id.map { ($0.uuidString.lowercased(), Masking.maskedName(person.name)) } })
            sections.append(try GigQueries.section(gig, skillName: names[gig.skill] ?? gig.skill, matches: ranked, maskedNames: masked))
        }
        let citizenID = try citizen.requireID(), shown = sections.count
        try await req.write { db in
            try await req.audit(AuditEvent("gig.workers_view", objectType: "citizen", objectID: citizenID.uuidString, detail: "\(shown)个零工岗位"), on: db)
        }
        let view = RecruiterGigsView(
            citizenID: citizenID, maskedName: Masking.maskedName(citizen.name), sections: sections,
            mayPush: CaseFile.mayAccept(staff.account, item: GigWorkerRecommendationItem.seq, grants: staff.grants).isAllowed,
            mayPost: CaseFile.mayAccept(staff.account, item: GigPostingItem.seq, grants: staff.grants).isAllowed)
        return HTMLResponse.make(GigPages.forRecruiter(view, context: PageContext(req)))
    }

    static let workersPageSize = 50

    /// 零工求职信息查询 (item 9): the registered workers living in the user's division, by skill and place. The list
    /// shows residents (masked), so every search is audited.
    @Sendable static func workers(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let skill = TextField.clean(try? req.query.get(String.self, at: "skill"))
        let area = TextField.clean(try? req.query.get(String.self, at: "area"))
        var page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let county = GigsController.county(of: staff)
        let entries = try await GigSkills.all(county: county.countyCode, on: req.db)
        let (skills, names) = (entries.choices, entries.names)
        // The places below the user's own division (a village's operator has only the village).
        let areas = try await DivisionQueries.children(of: staff.scopeRoot.value, on: req.db)
            .map { FormFields.Option(value: $0.code, label: $0.name) }
        var errors = FieldErrors()
        // The whole division, or one place inside it: a place outside is refused, never widened.
        var within = staff.scopeRoot
        if !area.isEmpty {
            if let code = try? DivisionCode(area), staff.scopeRoot.contains(code) { within = code }
            else { errors.add("area", "请从列表中选择居住地") }
        }
        var seekers: [GigSeekerRecord] = [], total = 0
        var masked: [UUID: String] = [:], places: [String: String] = [:]
        if errors.isEmpty {
            let prefix = within.scopePrefix
            var query = GigSeekerRecord.query(on: req.db).filter(\.$endedOn == nil)
                .filter(\.$residenceDivision >= prefix).filter(\.$residenceDivision < prefix + "a")
            if !skill.isEmpty {
                query = query.filter(\.$skills, .contains(inverse: false, .anywhere), ",\(skill),")
                // A local skill is this county's: a worker whose local1 came from another county's list has another skill.
                if !GigSkill.isDefault(skill) {
                    query = query.group(.or) { $0.filter(\.$skillsCounty == county.countyCode).filter(\.$skillsCounty == "") }
                }
            }
            total = try await query.count()
            // A page past the last shows the last (and a huge one cannot overflow the range).
            page = min(page, max(1, (total + workersPageSize - 1) / workersPageSize))
            seekers = try await query.sort(\.$registeredAt, .descending).sort(\.$id)
                .range(((page - 1) * workersPageSize)..<(page * workersPageSize)).all()
            let people = try await CitizenRecord.query(on: req.db).filter(\.$id ~~ seekers.map(\.citizenID)).all()
            masked = Dictionary(uniqueKeysWithValues: people.compactMap { person in person.id.map { ($0, Masking.maskedName(person.name)) } })
            places = try await DivisionShortNames.of(seekers.map(\.residenceDivision), on: req.db)
            try await req.auditSearch("gig.worker_search", within: within, filters: [("skill", skill), ("page", page == 1 ? "" : String(page))],
                                      found: "\(total)人")
        }
        let search = GigPages.WorkerSearch(skill: skill, area: area, page: page, pages: max(1, (total + workersPageSize - 1) / workersPageSize))
        let used = CounterSearch.labelled([("skill", names[skill] ?? skill), ("area", area)], "area", in: areas)
        let context = try await CounterSearch.context(req, item: GigWorkerSearchItem.seq, filters: used, found: errors.isEmpty ? "\(total)人" : nil)
        let lines = seekers.map { GigQueries.workerLine($0, maskedNames: masked, places: places, names: names) }
        return HTMLResponse.make(GigPages.workers(lines, skills: skills, areas: areas, search: search,
                                                  total: total, errors: errors, context: context),
                                 status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// Names of divisions by code, for lists.
enum DivisionShortNames {
    static func of(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let unique = Array(Set(codes))
        guard !unique.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for row in try await (db as! any SQLDatabase).raw("SELECT code, name FROM divisions WHERE code IN (\(binds: unique))").all() {
            names[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }
}
