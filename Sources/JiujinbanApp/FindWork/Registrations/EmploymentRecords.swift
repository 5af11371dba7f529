import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// One 灵活就业登记 or 失业登记, written when its case is approved; it ends with a reason that is kept.
final class EmploymentRegistrationRecord: Model, @unchecked Sendable {
    static let schema = "employment_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "employment_type") var employmentType: String?
    /// The form's own words as a JSON object (`description`; `last_employer`, `separation_reason`, `cohort`).
    @Field(key: "details") var details: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "approved_at") var approvedAt: Date
    @Field(key: "approved_by") var approvedBy: UUID
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?
    @OptionalField(key: "ended_by") var endedBy: UUID?
    @Field(key: "service_point_id") var servicePointID: UUID
    @Field(key: "division") var division: String

    init() {}

    var kindValue: EmploymentRegistrationKind? { EmploymentRegistrationKind(rawValue: kind) }
    var isActive: Bool { endedOn == nil }
    var reason: RegistrationEndReason? { endReason.flatMap(RegistrationEndReason.init(rawValue:)) }

    var detailValues: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
    }

    /// The registration as one line of the card's history.
    var summary: String {
        let values = detailValues
        switch kindValue {
        case .flexible:
            let type = employmentType.flatMap(FlexibleEmploymentType.init(rawValue:))?.label ?? ""
            return [type, values["description"] ?? ""].filter { !$0.isEmpty }.joined(separator: "：")
        case .unemployed:
            return [values["last_employer"].map { $0.isEmpty ? "" : "原单位：\($0)" } ?? "",
                    values["separation_reason"].map { $0.isEmpty ? "" : "失业原因：\($0)" } ?? "",
                    values["separated_on"].map { $0.isEmpty ? "" : "失业日期：\($0)" } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: "；")
        case nil: return ""
        }
    }
}

/// 《就业创业证》: one per person, opened by the first approved registration and updated by each later one.
final class EmploymentCardRecord: Model, @unchecked Sendable {
    static let schema = "employment_cards"

    @ID(key: .id) var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "number") var number: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "issued_case_id") var issuedCaseID: UUID
    @Field(key: "status") var status: String
    @Field(key: "status_since") var statusSince: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    static func find(citizen: UUID, on db: any Database) async throws -> EmploymentCardRecord? {
        try await query(on: db).filter(\.$citizenID == citizen).first()
    }
}

/// The registrations and the card together: reading a person's status, opening and ending registrations.
enum EmploymentRegistry {
    /// The person's active registration, if any (at most one: a unique index keeps it so).
    static func active(citizen: UUID, on db: any Database) async throws -> EmploymentRegistrationRecord? {
        try await EmploymentRegistrationRecord.query(on: db).filter(\.$citizenID == citizen).filter(\.$endedOn == nil).first()
    }

    static func status(of registration: EmploymentRegistrationRecord?) -> EmploymentStatus {
        EmploymentStatus(active: registration?.kindValue, type: registration?.employmentType,
                         since: registration.flatMap { CalendarDate(iso: $0.startedOn) })
    }

    static func status(citizen: UUID, on db: any Database) async throws -> EmploymentStatus {
        status(of: try await active(citizen: citizen, on: db))
    }

    /// Work the records say the person found and has not since registered unemployment from: 登记就业, or the
    /// latest unemployment registration ended as 就业 (`UnemploymentEligibility.standing`).
    static func recordedEmployment(citizen: UUID, on db: any Database) async throws -> UnemploymentEligibility.RecordedEmployment? {
        let found = try await (db as! any SQLDatabase).raw("""
            SELECT employer, started_on, recorded_at FROM employment_found WHERE citizen_id = \(bind: citizen)
            """).all().compactMap { row -> UnemploymentEligibility.FoundJob? in
            guard let started = CalendarDate(iso: try row.decode(column: "started_on", as: String.self)) else { return nil }
            return .init(employer: try row.decode(column: "employer", as: String.self), startedOn: started,
                         recordedAt: try row.decode(column: "recorded_at", as: Date.self))
        }
        let latest = try await history(citizen: citizen, on: db).filter { $0.kindValue == .unemployed }.max { $0.approvedAt < $1.approvedAt }
        return UnemploymentEligibility.standing(found: found, latest: latest.map {
            .init(approvedAt: $0.approvedAt, endedAsEmployedOn: $0.reason == .employed ? $0.endedOn.flatMap(CalendarDate.init(iso:)) : nil)
        })
    }

    /// Every registration of the person, newest first.
    static func history(citizen: UUID, on db: any Database) async throws -> [EmploymentRegistrationRecord] {
        try await EmploymentRegistrationRecord.query(on: db).filter(\.$citizenID == citizen)
            .sort(\.$approvedAt, .descending).sort(\.$startedOn, .descending).all()
    }

    /// Records an approved registration, in the approval's transaction.
    static func open(_ kind: EmploymentRegistrationKind, type: FlexibleEmploymentType?, details: [String: String], startedOn: CalendarDate,
                     effect: CaseEffect, on db: any Database) async throws {
        guard let point = try await ServicePoint.find(effect.servicePointID, on: db) else {
            throw PublicError(.unprocessableEntity, "受理该办件的服务点已不存在，无法登记")
        }
        let record = EmploymentRegistrationRecord()
        record.id = UUID()
        record.citizenID = effect.citizenID
        record.kind = kind.rawValue
        record.employmentType = type?.rawValue
        record.details = String(decoding: try JSONEncoder().encode(details), as: UTF8.self)
        record.startedOn = startedOn.iso
        record.caseID = effect.caseID
        record.approvedAt = effect.at
        record.approvedBy = try effect.requireStaffAccount()
        record.servicePointID = effect.servicePointID
        record.division = point.divisionCode
        try await record.create(on: db)
        try await setCard(citizen: effect.citizenID, status: status(of: record).cardStatus, today: effect.today, at: effect.at, caseID: effect.caseID,
                          county: point.divisionCode, on: db)
    }

    /// Ends a registration with its reason; the card says 就业 when the person was employed, else that nothing is active.
    static func end(_ record: EmploymentRegistrationRecord, reason: RegistrationEndReason, on day: CalendarDate, by account: UUID,
                    at now: Date, on db: any Database) async throws {
        record.endedOn = day.iso
        record.endReason = reason.rawValue
        record.endedBy = account
        try await record.save(on: db)
        if let card = try await EmploymentCardRecord.find(citizen: record.citizenID, on: db) {
            card.status = reason.cardStatusAfterEnding
            card.statusSince = day.iso
            card.updatedAt = now
            try await card.save(on: db)
        }
    }

    /// Opens the person's card (numbered county + year + sequence) or updates its status.
    static func setCard(citizen: UUID, status: String, today: CalendarDate, at now: Date, caseID: UUID, county division: String,
                        on db: any Database) async throws {
        if let card = try await EmploymentCardRecord.find(citizen: citizen, on: db) {
            card.status = status
            card.statusSince = today.iso
            card.updatedAt = now
            try await card.save(on: db)
            return
        }
        let county = String(division.prefix(6))
        let sequence = try await SequenceAllocator.next("employment_card:\(county):\(today.year)", on: db)
        let card = EmploymentCardRecord()
        card.id = UUID()
        card.citizenID = citizen
        card.number = cardNumber(county: county, year: today.year, sequence: sequence)
        card.countyCode = county
        card.issuedOn = today.iso
        card.issuedCaseID = caseID
        card.status = status
        card.statusSince = today.iso
        card.updatedAt = now
        try await card.create(on: db)
    }

    /// `140830` + `2026` + `000001`: the county, the year of issue and the county's count that year.
    static func cardNumber(county: String, year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return county + String(year) + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
