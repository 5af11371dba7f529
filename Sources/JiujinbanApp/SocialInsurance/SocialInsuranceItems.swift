import JiujinbanRules

/// 我要办社保 (items 20–37): the items of this group its issues have declared, one line each: a module of its own, or
/// the generic module (`GenericItem`), whose kiosk items declare the steps of their kiosk flows here
/// (`GenericItem.declared`). Adding one: its folder under `SocialInsurance/Items/`, and its line here in place of its
/// declaration.
enum SocialInsuranceItems {
    static let modules: [ItemModule] = [
        GenericItem.declared(seq: 22, kioskSteps: KioskStep.application), // 技能提升补贴申领
        GenericItem.declared(seq: 23, kioskSteps: KioskStep.application), // 失业保险金申领
        GenericItem.declared(seq: 25, kioskSteps: KioskStep.query), // 企业职工基本养老保险参保情况查询
        GenericItem.declared(seq: 26, kioskSteps: KioskStep.query), // 企业职工基本养老保险待遇发放记录查询
        GenericItem.declared(seq: 27, kioskSteps: KioskStep.query), // 失业保险待遇发放记录查询
        ResidentBasicEnrolmentItem.module, // 28 城乡居民基本养老保险参保登记
        SupplementaryEnrolmentItem.module, // 29 城乡居民补充养老保险参保登记
        InsuredPersonChangeItem.module, // 30 参保人员非关键信息变更
        ContributionSuspensionItem.module, // 31 暂停/恢复缴费
        BackPaymentItem.module, // 32 补缴
        ContributionQueryItem.module, // 33 缴费信息查询
        BasicPensionClaimItem.module, // 34 基础养老金待遇申领
        SupplementaryPensionClaimItem.module, // 35 补充养老保险待遇申领
        PaymentRecordsQueryItem.module, // 36 待遇发放记录查询
        BenefitSuspensionItem.module, // 37 城乡居民养老保险待遇暂停
    ]
}
