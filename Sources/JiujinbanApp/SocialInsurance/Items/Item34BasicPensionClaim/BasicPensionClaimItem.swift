import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民基本养老保险待遇申领 (item 34): 60 or older, enrolled, no other basic pension, not drawing already, and the
/// years the national rule requires (国发〔2014〕8号, counted from the start of the scheme the enrolment names); the
/// monthly amount = basic pension (central, provincial, county parts, 长缴多得 where granted) + account ÷ 139, read
/// from the dated figures of the first month paid and kept with the case. Reviewed by the county: approval is
/// refused while a figure used is 待核实, and then writes the entitlement (正常) with its composition and figure ids.
struct BasicPensionClaimItem: ServiceItem {
    static let seq = 34
    static let module = ItemModule(
        seq: seq,
        conditions: ["年满60周岁，参加城乡居民基本养老保险且未领取其他基本养老保险待遇",
                     "累计缴费年限按国发〔2014〕8号：制度实施时已满60周岁的不缴费；距60周岁不足15年的应逐年缴费（可补缴至15年）；其余累计缴费满15年（按参保登记的新农保或城居保实施日期计算）",
                     "月养老金＝基础养老金（中央、省级、县级，缴费超过15年的按县规定加发）＋个人账户余额÷139，自申领次月起发放",
                     "计算所用政策参数待核实的，受理后须待业务管理员核实方可审批",
                     "发放账户：填写发放银行和银行账号（8至32位数字），或沿用台账中已有的发放账户"]
    ) { item, _, _ in BasicPensionClaimItem(item: item) }

    typealias Form = PensionClaimForm

    let item: ServiceCatalogue.Item
    static let compute: PensionClaimCase.Compute = { ledger, born, claimedOn, book in
        PensionClaimComputation.basic(ledger, born: born, claimedOn: claimedOn, book: book)
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
        try await PensionEntitlement.grant(.residentBasic, benefit: benefit, result: result, account: account, effect: effect, on: db)
    }
}
