import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 零工岗位信息查询 (item 6) and a gig's page with its hired count; the county's gig-skill list is `GigSkillsController`.
enum GigsController {
    static let pageSize = 20

    static func register(_ app: Application) {
        app.get(.gigs(), .capability(.searchEmploymentDirectories), use: search)
        app.get(.gig(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
        app.post(.gigHired(id: UUID()), .capability(.registerEmployers), use: hired)
        GigSkillsController.register(app)
    }

    static func county(of staff: SignedInStaff) -> DivisionCode { staff.county }

    struct Filter {
        var skill = ""
        var area = ""
        var date = ""
        var wage = ""
        var page = 1

        init(_ req: Request) {
            skill = TextField.clean(try? req.query.get(String.self, at: "skill"))
            area = TextField.clean(try? req.query.get(String.self, at: "area"))
            date = TextField.clean(try? req.query.get(String.self, at: "date"))
            wage = TextField.clean(try? req.query.get(String.self, at: "wage"))
            page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        }

        func items(page: Int) -> [(String, String)] {
            [("skill", skill), ("area", area), ("date", date), ("wage", wage), ("page", page == 1 ? "" : String(page))]
        }
    }

    /// Open gigs (not ended, not filled) of the user's county, soonest first.
    @Sendable static func search(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = county(of: staff)
        var filter = Filter(req)
        let today = req.jiujinban.clock.today
        var errors = FieldErrors()
        var conditions: [SQLQueryString] = ["g.county_code = \(bind: county.countyCode)", "g.end_on >= \(bind: today.iso)", "g.hired < g.headcount"]
        if !filter.skill.isEmpty { conditions.append("g.skill = \(bind: filter.skill)") }
        if !filter.area.isEmpty {
            if let code = try? DivisionCode(filter.area), county.contains(code) {
                conditions.append("g.place_division >= \(bind: code.scopePrefix) AND g.place_division < \(bind: code.scopePrefix + "a")")
            } else { errors.add("area", "请从列表中选择用工地点") }
        }
        if !filter.date.isEmpty {
            if let day = CalendarDate(iso: filter.date) { conditions.append("g.start_on <= \(bind: day.iso) AND g.end_on >= \(bind: day.iso)") }
            else { errors.add("date", "日期应为有效日期，如\(today)") }
        }
        if !filter.wage.isEmpty {
            if case .success(let fen) = FixedPoint.parse(filter.wage, fractionDigits: 2) { conditions.append("g.day_wage_fen >= \(bind: fen)") }
            else { errors.add("wage", "日工资应为数字（元），如150") }
        }
        let skills = try await GigSkills.all(county: county.countyCode, on: req.db)
        let names = skills.names
        var lines: [GigPages.Line] = [], total = 0
        if errors.isEmpty {
            let sql = req.db as! any SQLDatabase
            let whereClause = conditions.map { "(" + $0 + ")" as SQLQueryString }.joined(separator: " AND ")
            total = try await sql.raw("SELECT COUNT(*) AS n FROM gig_postings g WHERE \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            // A page past the last shows the last (and a huge one cannot overflow the offset).
            filter.page = min(filter.page, max(1, (total + pageSize - 1) / pageSize))
            let rows = try await sql.raw("""
                SELECT g.id, g.skill, g.content, g.place_division, g.start_on, g.end_on, g.headcount, g.hired, g.day_wage_fen, g.recruiter_unit
                FROM gig_postings g WHERE \(whereClause) ORDER BY g.start_on, g.id
                LIMIT \(literal: pageSize) OFFSET \(literal: (filter.page - 1) * pageSize)
                """).all()
            lines = try rows.map { try GigPages.Line(row: $0, names: names) }
            // Every search that ran is audited: the place searched (the county when none) and the other filters.
            try await req.auditSearch("gig.search", within: (try? DivisionCode(filter.area)) ?? county,
                                      filters: filter.items(page: filter.page).filter { $0.0 != "area" }, found: "\(total)个零工岗位")
        }
        let areas = try await JobPostingsController.areaOptions(county, on: req.db)
        let context = try await CounterSearch.context(req, item: GigSearchItem.seq, filters: CounterSearch.labelled(filter.items(page: 1), "area", in: areas),
                                                      found: errors.isEmpty ? "\(total)个零工岗位" : nil)
        return HTMLResponse.make(GigPages.search(filter, lines: lines, total: total, pages: max(1, (total + pageSize - 1) / pageSize),
                                                 skills: skills.choices, areas: areas,
                                                 errors: errors, context: context),
                                 status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func load(_ req: Request) async throws -> GigPostingRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let gig = try await GigPostingRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该零工岗位")
        }
        return gig
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await respond(req, try await load(req), hired: nil, status: .ok)
    }

    /// The gig's page; a refused 已招人数 comes back with what was typed and its problem at the field.
    static func respond(_ req: Request, _ gig: GigPostingRecord, hired: (typed: String, error: String)?, status: HTTPStatus)
        async throws -> Response
    {
        let staff = try req.requireStaff()
        let names = try await GigSkills.names(county: gig.countyCode, on: req.db)
        let place = try await DivisionNames.path(gig.placeDivision, on: req.db)
        let phone = try req.jiujinban.cipher.open(gig.contactPhoneSealed, context: GigPostingRecord.phoneContext)
        let manages = staff.may(.registerEmployers) && county(of: staff).countyCode == gig.countyCode
        let view = try GigQueries.gig(gig, skillName: names[gig.skill] ?? gig.skill, place: place, phone: phone, manages: manages,
                                      today: req.jiujinban.clock.today)
        return HTMLResponse.make(GigPages.show(view, hired: hired, context: PageContext(req)), status: status)
    }

    struct HiredForm: Content {
        var hired: String?
    }

    /// 已招人数: the county's operators record how many were taken on; at the headcount the gig is filled.
    @Sendable static func hired(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let gig = try await load(req)
        let id = try gig.requireID()
        guard county(of: staff).countyCode == gig.countyCode else { throw OutOfScope("该零工岗位", objectType: "gig_posting", id: id) }
        let text = TextField.clean(try req.content.decode(HiredForm.self).hired)
        guard let count = Int(text), (0...gig.headcount).contains(count) else {
            return try await respond(req, gig, hired: (text, "已招人数应为0至\(gig.headcount)的整数"), status: .unprocessableEntity)
        }
        try await req.write { db in
            let revision = try await SequenceAllocator.next("gig_postings", on: db)
            try await (db as! any SQLDatabase).raw(
                "UPDATE gig_postings SET hired = \(bind: count), revision = \(bind: revision) WHERE id = \(bind: id)").run()
            try await req.audit(AuditEvent("gig.hired", objectType: "gig_posting", objectID: id.uuidString,
                                           detail: "已招\(count)/\(gig.headcount)人"), on: db)
        }
        return HTMLResponse.seeOther(.gig(id: id), notice: GigNotices.hired, on: req)
    }
}
