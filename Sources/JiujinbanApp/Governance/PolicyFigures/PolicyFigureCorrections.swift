import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 更正并确认: a 待核实 row whose value is wrong, wherever it sits in the figure's history, is replaced by a confirmed
/// row with the same key, county and period and the corrected value. The replaced row is kept as it was, marked
/// 已更正 with the replacement's id, when and by whom, so a computation that stored its id still finds it.
extension PolicyFigureChanges {
    struct CorrectForm: Content {
        var row: UUID
        var correct_value: String?
        var correct_source: String?
    }

    /// One write transaction with its audit row; the rule is asked again on the row as it is inside it, and the row
    /// is marked only while still 待核实 and unmarked, so a confirmation or correction made meanwhile by someone else
    /// is never overwritten (the change is refused and nothing is written).
    static func correct(_ form: CorrectForm, row: PolicyFigureRow, by staff: SignedInStaff, req: Request) async throws -> Result<UUID, FieldErrors> {
        let now = req.jiujinban.clock.now()
        return try await req.write { db in
            guard let record = try await PolicyFigureRecord.find(row.id, on: db), let current = record.row else {
                throw PublicError.notFound("该政策参数")
            }
            let checked = PolicyFigureChange.correction(of: current, value: form.correct_value ?? "", source: form.correct_source ?? "")
            guard case .success(let correction) = checked else { return checked.map { _ in UUID() } }
            let replacement = PolicyFigureRecord(key: current.key, county: current.county, validFrom: current.validFrom,
                                                 value: correction.value, source: correction.source, confidence: .administrator,
                                                 status: .confirmed, setBy: staff.account.id, setAt: now)
            replacement.validTo = record.validTo
            let replacementID = try replacement.requireID()
            // Marked before the replacement is written: the indexes that keep one row per period and one open row
            // per figure count only the rows not 已更正.
            try await PolicyFigureRecord.query(on: db)
                .filter(\.$id == current.id).filter(\.$status == PolicyFigureStatus.unconfirmed.rawValue).filter(\.$supersededBy == nil)
                .set(\.$supersededBy, to: replacementID).set(\.$supersededAt, to: now).set(\.$supersededByAccount, to: staff.account.id)
                .update()
            guard try await PolicyFigureRecord.find(current.id, on: db)?.supersededBy == replacementID else {
                throw PublicError(.conflict, "该政策参数刚被他人确认或更正，未保存任何数据，请刷新页面后重试")
            }
            try await replacement.create(on: db)
            let target = Target(key: current.key, county: current.county, countyName: nil)
            let period = PolicyFiguresPage.period(current)
            try await req.audit(AuditEvent(
                "policy-figure.correct", objectType: "policy_figure", objectID: current.id.uuidString.lowercased(),
                detail: "\(describe(target))\(period)的值由\(current.value?.display ?? "（无）")更正为\(correction.value.display)，依据\(correction.source)；"
                    + "原依据：\(current.source)（\(current.confidence.label)）；原取值保留并标记为已更正，更正后的取值为\(replacementID.uuidString.lowercased())"),
                on: db)
            return .success(replacementID)
        }
    }
}
