/// 我要办社保 (items 20–37): the items of this group with a module of their own, one line each. None has one yet:
/// until the 办社保 issues give them their forms, all eighteen take the generic module (`GenericItem`), which also
/// declares the kiosk steps of the seven offered at the kiosk. Adding one: its folder under
/// `SocialInsurance/Items/`, and its line here.
enum SocialInsuranceItems {
    static let modules: [ItemModule] = []
}
