import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The changes to the figures, each one write transaction with its audit row: a successor (the latest row is ended
/// the day before, never rewritten), the confirmation of a 待核实 row, and its correction (`correct`, in
/// `PolicyFigureCorrections.swift`). The rule is asked again inside the
/// transaction, on the rows as they are then, so a change made meanwhile by someone else is never overwritten.
enum PolicyFigureChanges {
    /// The figure a form is about: its key and, for a county figure, the county (checked against the divisions).
    struct Target: Sendable {
        let key: PolicyFigureKey
        let county: DivisionCode?
        let countyName: String?
    }

    /// Reads the `county` of a form for `key`, refused by field when unknown or out of place.
    static func target(key: PolicyFigureKey, county rawCounty: String, on db: any Database) async throws -> Result<Target, FieldErrors> {
        var errors = FieldErrors()
        let county = TextField.clean(rawCounty)
        switch key.definition.scope {
        case .province:
            if !county.isEmpty { errors.add("county", "区县：“\(key.definition.name)”是全省统一的参数，不分区县") }
            return errors.isEmpty ? .success(Target(key: key, county: nil, countyName: nil)) : .failure(errors)
        case .county:
            guard let code = try? DivisionCode.county(county), code.depth == 2 else {
                errors.add("county", "区县：请填写6位县级区划代码，收到“\(county)”")
                return .failure(errors)
            }
            guard let division = try await Division.find(code.value, on: db), division.level == DivisionLevel.county.rawValue else {
                errors.add("county", "区县：代码\(code.countyCode)不是已登记的县（市、区）")
                return .failure(errors)
            }
            return .success(Target(key: key, county: code, countyName: division.name))
        }
    }

    /// Refuses, as an audited denial, a change the account may not make to this figure.
    static func authorize(_ staff: SignedInStaff, _ key: PolicyFigureKey, county: DivisionCode?) throws {
        guard PolicyFigureAccess.mayChange(key, county: county, by: staff.account) else {
            let whose = key.definition.scope == .province ? "全省统一的参数由省级业务管理员维护" : "区县的参数由本县业务管理员维护"
            throw OutOfScope("该政策参数", objectType: "policy_figure", objectID: "\(key.rawValue)@\(county?.countyCode ?? "province")",
                             answer: PublicError(.forbidden, whose))
        }
    }

    struct SuccessorForm: Content {
        var key: String
        var county: String?
        var valid_from: String?
        var value: String?
        var source: String?
    }

    /// Adds a successor; the refusal comes back with every problem by field and nothing written.
    static func addSuccessor(_ form: SuccessorForm, target: Target, by staff: SignedInStaff, req: Request) async throws -> Result<UUID, FieldErrors> {
        let now = req.jiujinban.clock.now()
        return try await req.write { db in
            let book = try await PolicyFigureBook.load(on: db, county: target.county)
            let checked = PolicyFigureChange.successor(key: target.key, county: target.county, in: book, validFrom: form.valid_from ?? "",
                                                       value: form.value ?? "", source: form.source ?? "")
            guard case .success(let successor) = checked else { return checked.map { _ in UUID() } }
            var ended = ""
            if let ends = successor.ends, let old = try await PolicyFigureRecord.find(ends.rowID, on: db) {
                old.validTo = ends.lastDay.iso
                try await old.update(on: db)
                ended = "；原值\(old.row?.value?.display ?? "（无）")自\(old.validFrom)起，至\(ends.lastDay.iso)止"
            }
            let record = PolicyFigureRecord(key: target.key, county: target.county, validFrom: successor.validFrom, value: successor.value,
                                            source: successor.source, confidence: .administrator, status: .confirmed,
                                            setBy: staff.account.id, setAt: now)
            try await record.create(on: db)
            try await req.audit(AuditEvent(
                "policy-figure.succeed", objectType: "policy_figure", objectID: record.id?.uuidString.lowercased(),
                detail: "\(describe(target))：自\(successor.validFrom.iso)起为\(successor.value.display)，依据\(successor.source)\(ended)"), on: db)
            return .success(record.id!)
        }
    }

    struct ConfirmForm: Content {
        var row: UUID
        var confirm_source: String?
        var confirm_value: String?
    }

    /// Confirms a 待核实 row with its document (and its value when it had none).
    static func confirm(_ form: ConfirmForm, row: PolicyFigureRow, by staff: SignedInStaff, req: Request) async throws -> Result<UUID, FieldErrors> {
        let now = req.jiujinban.clock.now()
        return try await req.write { db in
            guard let record = try await PolicyFigureRecord.find(row.id, on: db), let current = record.row else {
                throw PublicError.notFound("该政策参数")
            }
            let checked = PolicyFigureChange.confirmation(of: current, source: form.confirm_source ?? "", value: form.confirm_value ?? "")
            guard case .success(let confirmation) = checked else { return checked.map { _ in UUID() } }
            let before = "原依据：\(record.source)（\(current.confidence.label)）"
            record.value = confirmation.value.stored
            record.source = confirmation.source
            record.confidence = PolicyFigureConfidence.administrator.rawValue
            record.status = PolicyFigureStatus.confirmed.rawValue
            record.setBy = staff.account.id
            record.setAt = now
            try await record.update(on: db)
            let target = Target(key: current.key, county: current.county, countyName: nil)
            try await req.audit(AuditEvent(
                "policy-figure.confirm", objectType: "policy_figure", objectID: row.id.uuidString.lowercased(),
                detail: "\(describe(target))自\(current.validFrom.iso)起的值\(confirmation.value.display)已确认，依据\(confirmation.source)；\(before)"),
                on: db)
            return .success(row.id)
        }
    }

    static func describe(_ target: Target) -> String {
        target.key.definition.name + (target.county.map { "（\(target.countyName ?? $0.countyCode)）" } ?? "（全省）")
    }
}
