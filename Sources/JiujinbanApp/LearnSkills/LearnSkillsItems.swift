import JiujinbanRules

/// 我要学技能 (items 16–19): the items of this group its issues have declared, one line each. None has a form of its
/// own yet: all four take the generic module (`GenericItem`: documents checked, a note); the list says what is known
/// of them before their forms (`GenericItem.declared`). Adding one: its folder under `LearnSkills/Items/`, and its line
/// here in place of its declaration.
enum LearnSkillsItems {
    static let modules: [ItemModule] = [
        // 培训意向跟踪反馈: the platform opens its follow-up for the point that registered the training intention.
        GenericItem.declared(seq: 18, platformPurposes: [.followUp]),
    ]
}
