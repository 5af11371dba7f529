import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// What a pension claim (items 34, 35) keeps: the day it was made, from which its first month and the day its
/// figures are read follow, and the account to pay into (`PensionClaimAccount`; none on a case accepted before the
/// form asked for one).
struct PensionClaimForm: Codable, Sendable, Equatable {
    var claimedOn: String
    /// 沿用台账中已有的发放账户.
    var keepAccount: Bool?
    var bank: String?
    /// The digits in full: kept only in the case's sealed form, under a key no field has, so no page shows it.
    var account: String?
    /// The derived line the case page shows: the bank and the masked account, or 沿用….
    var accountShown: String?

    enum CodingKeys: String, CodingKey {
        case claimedOn = "claimed_on", keepAccount = "keep_account", bank = "new_bank", account = "new_bank_account",
             accountShown = "payment_account"
    }
}

/// The steps items 34 and 35 share, each given its computation (`PensionClaimComputation.basic` / `.supplementary`):
/// the conditions at acceptance, the computation kept with the case, and at approval the same computation again
/// with the figures as they stand, refused while one it uses is 待核实.
enum PensionClaimCase {
    typealias Compute = @Sendable (PensionClaimLedger, CalendarDate, CalendarDate, PolicyFigureBook) -> PensionClaimComputation

    static let claimedOnField = CaseFormField(name: "claimed_on", label: "申领日期", kind: .derived, required: false)

    static func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate, item: ServiceCatalogue.Item)
        -> Result<PensionClaimForm, FieldErrors> {
        var errors = FieldErrors()
        if CalendarDate(iso: citizen.birthDate) == nil { errors.add("citizen", "该群众的出生日期无法读取，请先核对身份证号码") }
        var claim = PensionClaimForm(claimedOn: today.iso)
        PensionClaimAccount.read(form, into: &claim, errors: &errors)
        errors.requireDocuments(form, item)
        return errors.isEmpty ? .success(claim) : .failure(errors)
    }

    /// The conditions on the ledger, every unmet one named (e.g. how many years are missing), and a kept account
    /// the ledger does not have.
    static func check(_ form: PensionClaimForm?, citizen: CitizenRecord, today: CalendarDate, compute: Compute, on db: any Database) async throws
        -> FieldErrors {
        var errors = try await PensionClaimAccount.check(form, citizen: try citizen.requireID(), on: db)
        guard let born = CalendarDate(iso: citizen.birthDate) else { return errors }
        let ledger = try await PensionClaimLedger.load(citizen: try citizen.requireID(), on: db)
        for refusal in compute(ledger, born, today, try await PolicyFigureBook.load(on: db)).refusals { errors.add("citizen", refusal) }
        return errors
    }

    /// 受理前测算: what `check` and `record` would find if the form were accepted today (the same computation on the
    /// same day), shown on the form; nothing is written. Nil when the birth date cannot be read (`validate` names it).
    static func preview(citizen: CitizenRecord, today: CalendarDate, compute: Compute, on db: any Database) async throws -> CasePreview? {
        guard let born = CalendarDate(iso: citizen.birthDate) else { return nil }
        let result = compute(try await PensionClaimLedger.load(citizen: try citizen.requireID(), on: db), born, today,
                             try await PolicyFigureBook.load(on: db))
        let computation = result.computation
        return CasePreview(
            title: "受理前测算：" + (computation?.title ?? "申领条件"),
            basis: computation == nil
                ? "按今日（\(today.iso)）申领、依据参保台账现有记录核对申领条件；台账更正后再测算。"
                : "按今日（\(today.iso)）申领、依据参保台账现有记录和政策参数测算，自\(result.startMonth.chinese)起发放；"
                    + "受理时按同一方法核定并随办件保存，审批时按届时的台账和参数重新核定。",
            refusals: result.refusals, computation: computation)
    }

    /// The computation as it stands: the conditions again (the ledger may have changed since acceptance) and the
    /// amount on the figures of the claim's first month.
    static func compute(_ form: PensionClaimForm, citizen: UUID, compute: Compute, on db: any Database) async throws -> PensionClaimComputation {
        guard let claimedOn = CalendarDate(iso: form.claimedOn), let record = try await CitizenRecord.find(id: citizen, on: db),
              let born = CalendarDate(iso: record.birthDate) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法核定待遇")
        }
        return compute(try await PensionClaimLedger.load(citizen: citizen, on: db), born, claimedOn, try await PolicyFigureBook.load(on: db))
    }

    /// At acceptance: the computation, kept with the case (its amount is provisional while a figure waits), with the
    /// account to pay into, masked.
    static func record(_ form: PensionClaimForm, effect: CaseEffect, compute: Compute, on db: any Database) async throws {
        let result = try await Self.compute(form, citizen: effect.citizenID, compute: compute, on: db)
        guard let computation = result.computation else { return }
        try await CaseComputations.save(try await noted(computation, form, effect: effect, on: db), caseID: effect.caseID, at: effect.at, on: db)
    }

    private static func noted(_ computation: CaseComputation, _ form: PensionClaimForm, effect: CaseEffect, on db: any Database) async throws
        -> CaseComputation {
        var noted = computation
        if let note = try await PensionClaimAccount.note(form, citizen: effect.citizenID, cipher: effect.cipher, on: db) { noted.notes.append(note) }
        return noted
    }

    /// At approval: refused while the conditions fail or a figure used waits for confirmation (naming it); else the
    /// confirmed computation replaces the provisional one and is returned for the entitlement.
    static func approve(_ form: PensionClaimForm, effect: CaseEffect, compute: Compute, on db: any Database) async throws
        -> (PensionClaimComputation, MonthlyBenefit) {
        let result = try await Self.compute(form, citizen: effect.citizenID, compute: compute, on: db)
        guard result.refusals.isEmpty, let benefit = result.benefit, let computation = result.computation else {
            throw PublicError(.conflict, "不能审核通过：" + result.refusals.joined(separator: "；"))
        }
        // Refused before anything is written: the case keeps the acceptance's computation, which names the figure.
        if let waiting = result.reading.approvalRefusal { throw PublicError(.conflict, waiting) }
        try await CaseComputations.save(try await noted(computation, form, effect: effect, on: db), caseID: effect.caseID, at: effect.at, on: db)
        return (result, benefit)
    }
}
