import Fluent
import JiujinbanRules

/// Every item its group declares, as the four service groups list them (`FindWorkItems`, `LearnSkillsItems`,
/// `SocialInsuranceItems`, `SocialSecurityCardItems`, one line per item): a module of its own, or the generic form with
/// what the group knows of the item (`GenericItem.declared`: its kiosk steps, what the platform may open). Every item
/// the groups do not list takes the plain generic module until its own issue gives it a form. Adding an item: its
/// folder in its group, and its line in the group's list.
enum ItemRegistry {
    static let modules: [ItemModule] = FindWorkItems.modules + LearnSkillsItems.modules + SocialInsuranceItems.modules
        + SocialSecurityCardItems.modules

    private static let bySeq: [Int: ItemModule] = Dictionary(uniqueKeysWithValues: modules.map { ($0.seq, $0) })

    /// The items with a form of their own.
    static var specific: Set<Int> { Set(modules.filter { !$0.takesGenericForm }.map(\.seq)) }

    /// The items whose cases their point finishes, never reviewed (`ItemModule.finishedAtPoint`).
    static let finishedAtPoint: Set<Int> = Set(modules.filter(\.finishedAtPoint).map(\.seq))

    /// The module of an item: its own, or the generic one (with what its group declared of it).
    static func module(of item: ServiceCatalogue.Item) -> ItemModule {
        guard let declared = bySeq[item.seq] else { return GenericItem.module(for: item) }
        return declared.takesGenericForm ? GenericItem.module(for: item, as: declared) : declared
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
