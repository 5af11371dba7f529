import Fluent
import JiujinbanRules

/// Every item with a module of its own, as the four service groups list them (`FindWorkItems`, `LearnSkillsItems`,
/// `SocialInsuranceItems`, `SocialSecurityCardItems`, one line per item); every other item of the catalogue takes the
/// generic one (`GenericItem`) until its own issue gives it a form. Adding an item: its folder in its group, and
/// its line in the group's list.
enum ItemRegistry {
    static let modules: [ItemModule] = FindWorkItems.modules + LearnSkillsItems.modules + SocialInsuranceItems.modules
        + SocialSecurityCardItems.modules

    private static let bySeq: [Int: ItemModule] = Dictionary(uniqueKeysWithValues: modules.map { ($0.seq, $0) })

    /// The items with a module of their own.
    static var specific: Set<Int> { Set(bySeq.keys) }

    /// The module of an item: its own, or the generic one.
    static func module(of item: ServiceCatalogue.Item) -> ItemModule {
        bySeq[item.seq] ?? GenericItem.module(for: item)
    }

    /// The item made for `county` (whose lists its form offers).
    static func make(_ item: ServiceCatalogue.Item, county: DivisionCode, on db: any Database) async throws -> any ServiceItem {
        try await module(of: item).make(item, county, db)
    }
}

extension ServiceCatalogue.Item {
    /// Whether the item has a module of its own rather than the generic flow: the data generator (`JiujinbanTools`)
    /// writes generic cases only.
    package var hasOwnForm: Bool { ItemRegistry.specific.contains(seq) }
}
