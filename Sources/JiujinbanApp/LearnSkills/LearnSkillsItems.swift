import JiujinbanRules

/// 我要学技能 (items 16–19): the items of this group its issues have declared, one line each: a module of its own, or
/// the generic module (`GenericItem`: documents checked, a note), the list saying what is known of an item before its
/// form (`GenericItem.declared`). Adding one: its folder under `LearnSkills/Items/`, and its line here in place of its
/// declaration.
enum LearnSkillsItems {
    static let modules: [ItemModule] = [
        TrainingIntentionItem.module, // 16 培训意向登记
        InstitutionRecommendationItem.module, // 17 培训机构推荐
        // 培训意向跟踪反馈: the platform opens its follow-up for the point that registered the training intention.
        GenericItem.declared(seq: 18, platformPurposes: [.followUp]),
    ]
}
