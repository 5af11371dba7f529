import JiujinbanRules

/// 我要学技能 (items 16–19): each item's module, one line each. Adding an item of this group: its folder under
/// `LearnSkills/Items/`, and its line here.
enum LearnSkillsItems {
    static let modules: [ItemModule] = [
        TrainingIntentionItem.module, // 16 培训意向登记
        InstitutionRecommendationItem.module, // 17 培训机构推荐
        TrainingFollowUpItem.module, // 18 培训意向跟踪反馈
        TrainingNoticeItem.module, // 19 参加培训办结送达
    ]
}
