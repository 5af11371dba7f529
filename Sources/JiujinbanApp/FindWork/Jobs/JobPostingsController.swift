import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 固定工岗位信息查询 (item 3): every post that serves or supervises searches the open postings of the province.
enum JobPostingsController {
    static func register(_ app: Application) {
        app.get(.jobPostings(), .capability(.searchEmploymentDirectories), use: search)
        app.get(.jobPosting(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
    }

    /// The search form's values as typed, and the query they make.
    struct Filter: Sendable {
        var keyword = ""
        var occupation = ""
        var area = ""
        var wage = ""
        var education = ""
        var sort = JobMarket.Sort.newest
        var page = 1

        init(_ req: Request) {
            keyword = TextField.clean(try? req.query.get(String.self, at: "q"))
            occupation = TextField.clean(try? req.query.get(String.self, at: "occupation"))
            area = TextField.clean(try? req.query.get(String.self, at: "area"))
            wage = TextField.clean(try? req.query.get(String.self, at: "wage"))
            education = TextField.clean(try? req.query.get(String.self, at: "education"))
            sort = (try? req.query.get(String.self, at: "sort")).flatMap(JobMarket.Sort.init(rawValue:)) ?? .newest
            page = (try? req.query.get(Int.self, at: "page")) ?? 1
        }

        /// The query, or the problems of the filters (a wage that is not a number, an unknown place).
        func query(pageSize: Int = 20) -> Result<JobMarket.Query, FieldErrors> {
            var errors = FieldErrors()
            var query = JobMarket.Query(keyword: String(keyword.prefix(50)), sort: sort, page: page, pageSize: pageSize)
            if !occupation.isEmpty {
                if Occupation.isWellFormed(occupation) { query.occupation = occupation } else { errors.add("occupation", "请从列表中选择职业") }
            }
            if !area.isEmpty {
                if let code = try? DivisionCode(area) { query.within = code } else { errors.add("area", "请从列表中选择工作地点") }
            }
            if !wage.isEmpty {
                if case .success(let fen) = FixedPoint.parse(wage, fractionDigits: 2) { query.minimumWageFen = fen }
                else { errors.add("wage", "月薪应为数字（元），如3000") }
            }
            if !education.isEmpty {
                if let level = Int(education).flatMap(EducationLevel.init(rawValue:)) { query.education = level }
                else { errors.add("education", "请从列表中选择学历") }
            }
            return errors.isEmpty ? .success(query) : .failure(errors)
        }

        func items(page: Int) -> [(String, String)] {
            [("q", keyword), ("occupation", occupation), ("area", area), ("wage", wage), ("education", education),
             ("sort", sort == .newest ? "" : sort.rawValue), ("page", page == 1 ? "" : String(page))]
        }
    }

    @Sendable static func search(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let filter = Filter(req)
        let today = req.jiujinban.clock.today
        var result: JobMarket.Page?
        var errors = FieldErrors()
        var found: String?
        switch filter.query() {
        case .success(let query):
            let page = try await req.jobMarket().search(query, today: today)
            result = page
            found = "\(page.total)个岗位"
            // Every search that ran is audited: the place searched, if any, and the other filters. Refused filters read nothing.
            try await req.auditSearch("job_posting.search", within: query.within,
                                      filters: filter.items(page: page.page).filter { $0.0 != "area" }, found: "\(page.total)个岗位")
        case .failure(let found): errors = found
        }
        let county = staff.county
        let areas = try await areaOptions(county, on: req.db)
        let context = try await CounterSearch.context(req, item: JobPostingSearchItem.seq, filters: CounterSearch.labelled(filter.items(page: 1), "area", in: areas),
                                                      found: found)
        return HTMLResponse.make(JobPostingPages.search(filter, result: result, errors: errors, occupations: try await OccupationStore.grouped(on: req.db),
                                                        areas: areas, context: context),
                                 status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The user's county and its townships (a search usually stays near home); the province is "all".
    static func areaOptions(_ county: DivisionCode, on db: any Database) async throws -> [FormFields.Option] {
        guard county.depth >= 2 else { return [] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT code, name FROM divisions WHERE code = \(bind: county.value) OR (parent_code = \(bind: county.value) AND level = 'township')
            ORDER BY code
            """).all()
        return try rows.map { row in
            let code = try row.decode(column: "code", as: String.self)
            return FormFields.Option(value: code, label: (code == county.value ? "" : "　") + (try row.decode(column: "name", as: String.self)))
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let posting = try await JobPostingRecord.find(id, on: req.db),
              let employer = try await EmployerRecord.find(posting.employerID, on: req.db) else {
            throw PublicError.notFound("该岗位")
        }
        let occupationName = try await OccupationStore.all(on: req.db).first { $0.code == posting.occupation }?.name ?? posting.occupation
        let place = try await DivisionNames.path(posting.workplaceDivision, on: req.db)
        let manages = staff.may(.registerEmployers) && EmployersController.ownsEmployer(employer, staff)
        let view = try JobQueries.posting(posting, employer: employer, occupationName: occupationName, place: place, manages: manages,
                                          matchesSeekers: staff.may(.serveCitizens), today: req.jiujinban.clock.today)
        return HTMLResponse.make(JobPostingPages.show(view, context: PageContext(req)))
    }
}
