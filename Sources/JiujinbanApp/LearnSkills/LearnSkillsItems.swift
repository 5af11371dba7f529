import JiujinbanRules

/// 我要学技能 (items 16–19): the items of this group with a module of their own, one line each; the others take the
/// generic module (`GenericItem`: documents checked, a note) until their issues give them a form. Adding one: its
/// folder under `LearnSkills/Items/`, and its line here (in place of its declaration, if it had one).
enum LearnSkillsItems {
    static let modules: [ItemModule] = [
        TrainingFollowUpItem.module,
        TrainingNoticeItem.module,
    ]
}
