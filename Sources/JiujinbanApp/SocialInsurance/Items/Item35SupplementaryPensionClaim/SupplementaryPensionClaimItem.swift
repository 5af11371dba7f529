import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民补充养老保险待遇申领 (item 35; 《山西省城乡居民补充养老保险条例》): 65 or older, 15 contribution years in the
/// supplementary scheme, and drawing the basic pension (a claim before the basic one is refused, naming it); the
/// monthly amount = supplementary account ÷ 120 + 出口补 by age (20 元 at 65–79, 30 元 from 80), read from the dated
/// figures of the first month paid. Reviewed like item 34, and approved the same way.
struct SupplementaryPensionClaimItem: ServiceItem {
    static let seq = 35
    static let module = ItemModule(
        seq: seq,
        conditions: ["年满65周岁，参加城乡居民补充养老保险且累计缴费满15年",
                     "已领取城乡居民基本养老保险待遇（须先申领基本养老保险待遇）",
                     "月待遇＝补充养老保险个人账户余额÷120＋出口补（65至79周岁20元，80周岁及以上30元），自申领次月起发放",
                     "计算所用政策参数待核实的，受理后须待业务管理员核实方可审批",
                     "发放账户：填写发放银行和银行账号（8至32位数字），或沿用台账中已有的发放账户"]
    ) { item, _, _ in SupplementaryPensionClaimItem(item: item) }

    typealias Form = PensionClaimForm

    let item: ServiceCatalogue.Item
    static let compute: PensionClaimCase.Compute = { ledger, born, claimedOn, book in
        PensionClaimComputation.supplementary(ledger, born: born, claimedOn: claimedOn, book: book)
    }

    var fields: [CaseFormField] { [PensionClaimCase.claimedOnField] + PensionClaimAccount.fields + [.documentsChecked(item)] }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        PensionClaimCase.validate(form, citizen: citizen, today: today, item: item)
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        try await PensionClaimCase.check(form, citizen: citizen, today: today, compute: Self.compute, on: db)
    }

    func preview(citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> CasePreview? {
        try await PensionClaimCase.preview(citizen: citizen, today: today, compute: Self.compute, on: db)
    }

    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        try await PensionClaimCase.record(form, effect: effect, compute: Self.compute, on: db)
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let (result, benefit) = try await PensionClaimCase.approve(form, effect: effect, compute: Self.compute, on: db)
        let account = try await PensionClaimAccount.given(form, effect: effect, on: db)
        try await PensionEntitlement.grant(.residentSupplementary, benefit: benefit, result: result, account: account, effect: effect, on: db)
    }
}
