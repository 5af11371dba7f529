import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 责任清单: a county business admin names, for each business area, the county's 业务骨干 who answers its guidance
/// questions. An area left empty is a gap: its questions go to the business admin and are flagged.
enum ResponsibilityListController {
    static func register(_ app: Application) {
        app.get(.responsibilityList, .capability(.manageResponsibilityList), use: show)
        app.post(.responsibilityList, .capability(.manageResponsibilityList), use: save)
    }

    struct Expert: Sendable {
        let id: UUID
        let name: String
        let areas: Set<BusinessArea>
    }

    static func county(of staff: SignedInStaff) throws -> DivisionCode {
        guard staff.account.unit.isCountyDepartment else {
            throw PublicError(.forbidden, "责任清单由县级人社部门的业务管理员维护")
        }
        return staff.account.unit.divisionCode
    }

    static func experts(in county: DivisionCode, on db: any Database) async throws -> [Expert] {
        var experts: [Expert] = []
        for id in try await Notifier.accounts(holding: [.expert], in: .department(county), on: db) {
            guard let account = try await AccountRecord.find(id, on: db),
                  let person = try await StaffPerson.find(account.personID, on: db) else { continue }
            experts.append(Expert(id: id, name: person.name, areas: try await StaffDirectory.areas(of: id, on: db)))
        }
        return experts.sorted { $0.name < $1.name }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard staff.account.unit.isCountyDepartment else { return try await overview(req, staff) }
        let county = try county(of: staff)
        let list = try await ResponsibilityRecord.list(of: county, on: req.db)
        return try await respond(req, county: county, selected: list.entries.mapValues(\.uuidString), error: nil, status: .ok)
    }

    /// A city's or the province's business admin reads the lists of its counties, gaps first in mind; only the county
    /// keeps its own.
    static func overview(_ req: Request, _ staff: SignedInStaff) async throws -> Response {
        guard case .subtree(let root) = staff.scope else { throw PublicError(.forbidden, "责任清单由县级人社部门的业务管理员维护") }
        let counties = try await DivisionQueries.descendants(of: root, level: .county, on: req.db)
        let rows = try await ResponsibilityRecord.query(on: req.db).filter(\.$countyCode =~ root.scopePrefix).all()
        var names: [UUID: String] = [:]
        for id in Set(rows.map(\.accountID)) {
            if let account = try await AccountRecord.find(id, on: req.db), let person = try await StaffPerson.find(account.personID, on: req.db) {
                names[id] = person.name
            }
        }
        var table: [(county: String, cells: [String])] = []
        for county in counties {
            let entries = rows.filter { $0.countyCode == county.code }
            table.append((county.name, BusinessArea.allCases.map { area in
                entries.first { $0.area == area.rawValue }.map { names[$0.accountID] ?? "（账号已停用）" } ?? ""
            }))
        }
        return HTMLResponse.make(ResponsibilityListPage.overview(table, context: PageContext(req)))
    }

    static func respond(_ req: Request, county: DivisionCode, selected: [BusinessArea: String], error: String?,
                        status: HTTPStatus) async throws -> Response {
        let experts = try await experts(in: county, on: req.db)
        let html = ResponsibilityListPage.render(experts: experts, selected: selected, error: error, context: PageContext(req))
        return HTMLResponse.make(html, status: status)
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try county(of: staff)
        try CompleteForm.require(req, BusinessArea.allCases.map { ("area_" + $0.rawValue, $0.label + "的业务骨干") })
        let experts = try await experts(in: county, on: req.db)
        var chosen: [BusinessArea: UUID] = [:]
        var selected: [BusinessArea: String] = [:]
        for area in BusinessArea.allCases {
            let raw = TextField.clean(try? req.content.get(String.self, at: "area_" + area.rawValue))
            selected[area] = raw
            guard !raw.isEmpty else { continue }
            guard let id = UUID(uuidString: raw), experts.contains(where: { $0.id == id }) else {
                return try await respond(req, county: county, selected: selected,
                                         error: "“\(area.label)”的业务骨干只能从本县在岗的业务骨干中选择", status: .unprocessableEntity)
            }
            chosen[area] = id
        }
        let now = req.jiujinban.clock.now()
        let names = Dictionary(experts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let list = chosen
        try await req.write { db in
            try await ResponsibilityRecord.query(on: db).filter(\.$countyCode == county.value).delete()
            for (area, id) in list {
                try await ResponsibilityRecord(county: county, area: area, accountID: id, at: now).create(on: db)
            }
            let detail = BusinessArea.allCases.map { area in "\(area.label)：\(list[area].flatMap { names[$0] } ?? "未指定")" }
                .joined(separator: "；")
            try await req.audit(AuditEvent("problem.responsibility_list", objectType: "division", objectID: county.value,
                                           detail: detail), on: db)
        }
        return HTMLResponse.seeOther(.responsibilityList, notice: ProblemNotices.listSaved, on: req)
    }
}
