/// 我要学技能 (items 16–19): the items of this group with a module of their own, one line each. None has one yet:
/// until the 学技能 issue gives them their forms, all four take the generic module (`GenericItem`: documents checked,
/// a note). Adding one: its folder under `LearnSkills/Items/`, and its line here.
enum LearnSkillsItems {
    static let modules: [ItemModule] = []
}
