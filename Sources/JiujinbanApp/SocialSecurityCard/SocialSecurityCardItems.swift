/// 我要办社保卡 (items 38–40): the items of this group with a module of their own, one line each. None has one yet:
/// until the 社保卡 issue gives them their forms, all three take the generic module (`GenericItem`). Adding one: its
/// folder under `SocialSecurityCard/Items/`, and its line here.
enum SocialSecurityCardItems {
    static let modules: [ItemModule] = []
}
