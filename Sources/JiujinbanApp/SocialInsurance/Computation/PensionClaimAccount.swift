import Fluent
import Foundation
import JiujinbanRules

/// 发放账户 of a pension claim (items 34, 35): the bank and account the new entitlement is paid into, typed at the
/// counter (`PaymentAccount`: 8 to 32 digits), or the account the ledger already pays the person into, kept
/// (`EntitlementAccounts.existing`). The case keeps the typed account in its sealed form under a key no field has,
/// so the case page shows only the derived line (the bank and the masked number); the computation's note carries
/// the same masked line to the receipt. Approval writes it with the entitlement (M0062), sealed, and the entitlement's
/// outbound record carries it to the core system (opened only into the export file).
enum PensionClaimAccount {
    static let fields: [CaseFormField] = [
        CaseFormField(name: "keep_account", label: "沿用台账中已有的发放账户（勾选的不填发放银行和银行账号）", kind: .confirmation, required: false),
        CaseFormField(name: "bank", label: "发放银行（开户银行名称，如“芮城农商银行”）", kind: .text(maxLength: PaymentAccount.bankMaxLength),
                      required: false),
        CaseFormField(name: "bank_account", label: "银行账号（8至32位数字，按存折或银行卡填写）", kind: .text(maxLength: 40), required: false),
        CaseFormField(name: "payment_account", label: "发放账户", kind: .derived, required: false),
    ]

    static let keptText = "沿用台账中已有的发放账户"

    /// The account fields of `form` into `claim`, every problem named by its field.
    static func read(_ form: SubmittedForm, into claim: inout PensionClaimForm, errors: inout FieldErrors) {
        let bank = TextField.clean(form["bank"])
        let account = TextField.clean(form["bank_account"])
        if form.confirmed("keep_account") {
            if !bank.isEmpty || !account.isEmpty {
                errors.add("keep_account", "已勾选沿用台账中已有的发放账户，请不要再填写发放银行和银行账号（或取消勾选，改用新账户）")
            }
            claim.keepAccount = true
            claim.accountShown = keptText
            return
        }
        switch PaymentAccount.parse(bank: bank, account: account) {
        case .success(let parsed):
            claim.bank = parsed.bank
            claim.account = parsed.account
            claim.accountShown = parsed.masked
        case .failure(let problems):
            let neither = bank.isEmpty && account.isEmpty
            for problem in problems.all {
                errors.add(problem.field, problem.message + (neither ? "；台账中已有发放账户的，也可勾选“\(keptText)”" : ""))
            }
        }
    }

    /// A claim that keeps the ledger's account is refused when the ledger has none.
    static func check(_ form: PensionClaimForm?, citizen: UUID, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if form?.keepAccount == true, try await EntitlementAccounts.existing(citizen: citizen, on: db) == nil {
            errors.add("keep_account", "台账中没有该群众的发放账户（既无待遇发放账户，也无发放记录），不能沿用，请填写发放银行和银行账号")
        }
        return errors
    }

    /// The line the computation prints on the case page and the receipt, the account masked.
    static func note(_ form: PensionClaimForm, citizen: UUID, cipher: PersonalDataCipher, on db: any Database) async throws -> String? {
        if form.keepAccount == true {
            let existing = try await EntitlementAccounts.existingMasked(citizen: citizen, cipher: cipher, on: db)
            return "发放账户：\(keptText)" + (existing.map { "（\($0)）" } ?? "")
        }
        guard let bank = form.bank, let account = form.account else { return nil }
        return "发放账户：" + PaymentAccount(bank: bank, account: account).masked
    }

    /// At approval, the account the entitlement is given (`LedgerChange.entitlement`, which writes it and sends it to
    /// the core system with the entitlement): the account typed (sealed now) or the ledger's (copied sealed). A claim
    /// accepted before the form asked for an account gives none (the payment run then pays into the latest payment's
    /// account, as before).
    static func given(_ form: PensionClaimForm, effect: CaseEffect, on db: any Database) async throws -> EntitlementAccounts.Given? {
        if form.keepAccount == true {
            guard let existing = try await EntitlementAccounts.existing(citizen: effect.citizenID, on: db) else {
                throw PublicError(.conflict, "不能审核通过：申领时选择沿用台账中的发放账户，但台账中已没有该群众的发放账户")
            }
            return .init(existing, kept: true)
        }
        guard let bank = form.bank, let digits = form.account else { return nil }
        return .init(.init(bank: bank, accountSealed: try effect.cipher.seal(digits, context: LedgerCrypto.bankAccountContext)), kept: false)
    }
}
