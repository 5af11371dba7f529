import Fluent
import Foundation
import JiujinbanRules

/// Names and people of the desks a report passes: 省工作专班, a city's or a county's HR department.
enum ProblemDesks {
    static let taskForceName = "省工作专班"

    /// The desk the signed-in account answers for, if any.
    static func desk(of staff: SignedInStaff) -> ProblemDesk? {
        ProblemDesk.held(by: staff.capabilities, in: staff.account.unit)
    }

    /// 芮城县人社部门, 运城市人社部门, 省工作专班, for every desk in `desks`.
    static func names(of desks: some Sequence<ProblemDesk>, on db: any Database) async throws -> [ProblemDesk: String] {
        let codes = Set(desks.compactMap { desk -> String? in
            if case .department(let code) = desk { code.value } else { nil }
        })
        let divisions = codes.isEmpty ? [] : try await Division.query(on: db).filter(\.$id ~~ Array(codes)).all()
        let byCode = Dictionary(divisions.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        var names: [ProblemDesk: String] = [:]
        for desk in desks {
            switch desk {
            case .taskForce: names[desk] = taskForceName
            case .department(let code): names[desk] = StaffDirectory.departmentName(byCode[code.value], code: code.value)
            }
        }
        return names
    }

    /// The active accounts that answer for `desk`: its task force members, a city's officers, or a county's experts and
    /// business admins. `province` places the task force.
    static func members(of desk: ProblemDesk, province: DivisionCode, on db: any Database) async throws -> [UUID] {
        switch desk {
        case .taskForce:
            try await Notifier.accounts(holding: [.taskForce], in: .department(province), on: db)
        case .department(let code) where code.depth == 1:
            try await Notifier.accounts(holding: [.cityOfficer], in: .department(code), on: db)
        case .department(let code):
            try await Notifier.accounts(holding: [.expert, .businessAdmin], in: .department(code), on: db)
        }
    }

    /// Who is told about work at the desk: the assignee when there is one, else everyone who answers for the desk.
    static func recipients(of record: ProblemReportRecord, on db: any Database) async throws -> [UUID] {
        if let assignee = record.assigneeAccount { return [assignee] }
        guard let desk = record.deskValue, let division = try? DivisionCode(record.reporterDivision),
              let province = division.ancestor(atDepth: 0) else { return [] }
        return try await members(of: desk, province: province, on: db)
    }

    /// Who answers a new guidance question at a county: the area's expert on the responsibility list while that
    /// account is an active expert of the county, else the county's business admin (a gap, flagged).
    static func assignment(county: DivisionCode, area: BusinessArea, on db: any Database) async throws -> ResponsibilityList.Assignment {
        let list = try await ResponsibilityRecord.list(of: county, on: db)
        let experts = Set(try await Notifier.accounts(holding: [.expert], in: .department(county), on: db))
        let usable = ResponsibilityList(entries: list.entries.filter { experts.contains($0.value) })
        let admins = try await Notifier.accounts(holding: [.businessAdmin], in: .department(county), on: db)
        return usable.assignee(for: area, businessAdmin: admins.sorted { $0.uuidString < $1.uuidString }.first)
    }

    /// The oversight group of a reporter's unit: its county, or its own division above counties.
    static func group(of unit: OrgUnit) -> DivisionCode {
        unit.county ?? unit.divisionCode
    }
}
