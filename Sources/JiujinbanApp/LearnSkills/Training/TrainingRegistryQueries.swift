import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

// The training registry's values (培训机构 and 开班计划 as the county's pages show them) and the reads behind them,
// so the renders (`TrainingInstitutionPages`, `ClassPlanPages`) take no Fluent record.

/// One row of the county's list: what the institution may teach, in a line, and its next class.
struct TrainingInstitutionLine: Sendable {
    let id: UUID
    let name: String
    let creditCode: String
    let divisionName: String
    let subsidised: Bool
    let approvals: String
    /// `2026-12-07 中式烹调（四级/中级工），余12个名额`; nil when none is planned from today on.
    let nextClass: String?
}

/// One 开班计划 as the institution's page lists it.
struct ClassPlanLine: Sendable {
    let id: UUID
    let occupation: String
    let level: String
    let starts: String
    let ends: String
    let place: String
    let capacity: Int
    let enrolled: Int
}

/// The institution's page.
struct TrainingInstitutionView: Sendable {
    let id: UUID
    let name: String
    let creditCode: String
    let divisionName: String
    let address: String
    /// `110.693330, 34.691940`; nil when none was entered.
    let coordinates: String?
    let subsidised: Bool
    let contactPhone: String
    let approvals: [String]
    let plans: [ClassPlanLine]
}

/// The institution form's values as typed (a refused form shows them again).
struct TrainingInstitutionForm: Sendable {
    struct Approval: Sendable {
        var occupation = ""
        var level = ""
    }

    var name = ""
    var creditCode = ""
    var division = ""
    var address = ""
    var longitude = ""
    var latitude = ""
    var subsidised = false
    var contactPhone = ""
    var approvals: [Approval] = []
}

/// The class plan form's values as typed.
struct ClassPlanForm: Sendable {
    var occupation = ""
    var level = ""
    var starts = ""
    var ends = ""
    var place = ""
    var capacity = ""
    var enrolled = ""
}

/// What the forms offer: the occupations (grouped by major group, as item 1's form), the county's places (grouped by
/// township) and the five levels.
struct TrainingChoices: Sendable {
    let occupations: GroupedChoices
    let places: GroupedChoices
    let levels: [FormFields.Option] = SkillLevel.allCases.map { FormFields.Option(value: String($0.rawValue), label: $0.chinese) }
}

enum TrainingRegistryQueries {
    /// The county a business admin keeps the registry of, or a reviewer recognises for; only a county department's
    /// account holds the capabilities (`Capability.granted(to:grants:at:)`), so this only guards.
    static func county(of staff: SignedInStaff) throws -> DivisionCode {
        guard staff.account.unit.isCountyDepartment else { throw PublicError(.forbidden, "培训机构、监测对象名单和就业困难人员认定由县级人社部门维护") }
        return staff.account.unit.divisionCode
    }

    /// The institution of the path, refused (403, audited) when another county keeps it.
    static func ownInstitution(_ req: Request) async throws -> TrainingInstitutionRecord {
        let county = try county(of: try req.requireStaff())
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let institution = try await TrainingInstitutionRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该培训机构")
        }
        guard institution.countyCode == county.value else {
            throw OutOfScope("该培训机构", objectType: "training_institution", id: id,
                             answer: PublicError(.forbidden, "只能维护本县的培训机构"))
        }
        return institution
    }

    static func choices(for staff: SignedInStaff, on db: any Database) async throws -> TrainingChoices {
        TrainingChoices(occupations: try await OccupationStore.grouped(on: db),
                        places: try await PlaceChoices.grouped(try county(of: staff), offering: [.township, .village, .community],
                                                               for: staff.ownDivision, on: db))
    }

    static func classification(on db: any Database) async throws -> Set<String> {
        Set(try await OccupationStore.all(on: db).map(\.code))
    }

    static func approvals(of institutions: [UUID], on db: any Database) async throws -> [UUID: [TrainingApprovalRecord]] {
        guard !institutions.isEmpty else { return [:] }
        let rows = try await TrainingApprovalRecord.query(on: db).filter(\.$institutionID ~~ institutions)
            .sort(\.$occupationCode).sort(\.$level, .descending).all()
        return Dictionary(grouping: rows, by: \.institutionID)
    }

    /// `中式烹调 四级/中级工` for every approval, named from the classification.
    static func approvalLabels(_ approvals: [TrainingApprovalRecord], names: [String: String]) -> [String] {
        approvals.map { "\(names[$0.occupationCode] ?? $0.occupationCode) \(SkillLevel(rawValue: $0.level)?.chinese ?? String($0.level))" }
    }

    static func list(county: DivisionCode, today: CalendarDate, on db: any Database) async throws -> [TrainingInstitutionLine] {
        let institutions = try await TrainingInstitutionRecord.query(on: db).filter(\.$countyCode == county.value).sort(\.$name).all()
        let ids = try institutions.map { try $0.requireID() }
        let approvals = try await approvals(of: ids, on: db)
        let plans = ids.isEmpty ? [] : try await ClassPlanRecord.query(on: db).filter(\.$institutionID ~~ ids)
            .filter(\.$startsOn >= today.iso).sort(\.$startsOn).all()
        let names = try await occupationNames(approvals.values.flatMap { $0.map(\.occupationCode) } + plans.map(\.occupationCode), on: db)
        let places = try await placeNames(county, on: db)
        return try institutions.map { institution in
            let id = try institution.requireID()
            let next = plans.first { $0.institutionID == id }
            return TrainingInstitutionLine(
                id: id, name: institution.name, creditCode: institution.creditCode,
                divisionName: places[institution.divisionCode] ?? institution.divisionCode, subsidised: institution.subsidised,
                approvals: approvalLabels(approvals[id] ?? [], names: names).joined(separator: "；"),
                nextClass: next.map { plan in
                    "\(plan.startsOn) \(names[plan.occupationCode] ?? plan.occupationCode)（\(SkillLevel(rawValue: plan.level)?.chinese ?? "")），"
                        + "余\(max(plan.capacity - plan.enrolled, 0))个名额"
                })
        }
    }

    static func view(_ institution: TrainingInstitutionRecord, on db: any Database) async throws -> TrainingInstitutionView {
        let id = try institution.requireID()
        let approvals = try await approvals(of: [id], on: db)[id] ?? []
        let plans = try await ClassPlanRecord.query(on: db).filter(\.$institutionID == id).sort(\.$startsOn, .descending).all()
        let names = try await occupationNames(approvals.map(\.occupationCode) + plans.map(\.occupationCode), on: db)
        let places = try await placeNames(try DivisionCode(institution.countyCode), on: db)
        return TrainingInstitutionView(
            id: id, name: institution.name, creditCode: institution.creditCode,
            divisionName: places[institution.divisionCode] ?? institution.divisionCode, address: institution.address,
            coordinates: institution.location.map { String(format: "%.6f, %.6f", $0.longitude, $0.latitude) },
            subsidised: institution.subsidised, contactPhone: institution.contactPhone,
            approvals: approvalLabels(approvals, names: names),
            plans: try plans.map { plan in
                ClassPlanLine(id: try plan.requireID(), occupation: names[plan.occupationCode] ?? plan.occupationCode,
                              level: SkillLevel(rawValue: plan.level)?.chinese ?? String(plan.level), starts: plan.startsOn,
                              ends: plan.endsOn, place: plan.place, capacity: plan.capacity, enrolled: plan.enrolled)
            })
    }

    /// The form of a stored institution, for editing.
    static func form(_ institution: TrainingInstitutionRecord, on db: any Database) async throws -> TrainingInstitutionForm {
        let id = try institution.requireID()
        let approvals = try await approvals(of: [id], on: db)[id] ?? []
        return TrainingInstitutionForm(
            name: institution.name, creditCode: institution.creditCode, division: institution.divisionCode, address: institution.address,
            longitude: institution.longitude.map { String($0) } ?? "", latitude: institution.latitude.map { String($0) } ?? "",
            subsidised: institution.subsidised, contactPhone: institution.contactPhone,
            approvals: approvals.map { .init(occupation: $0.occupationCode, level: String($0.level)) })
    }

    /// People item 19 has put in the class (报名, 参训 or 结业): an edit may not plan fewer places.
    static func platformEnrolments(plan: UUID, on db: any Database) async throws -> Int {
        try await TrainingEnrolmentRecord.query(on: db).filter(\.$planID == plan)
            .filter(\.$status ~~ [TrainingEnrolmentRecord.Status.enrolled, .attended, .completed].map(\.rawValue)).count()
    }

    static func occupationNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        try await OccupationStore.names(of: Array(Set(codes)), on: db)
    }

    static func placeNames(_ county: DivisionCode, on db: any Database) async throws -> [String: String] {
        Dictionary(try await PlaceChoices.subtree(county, on: db).map { ($0.code.value, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
