import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 《就业创业证》查询 (item 13), finished at once: it starts from the card's page, where the operator records the
/// query as a case once the person's documents are checked.
struct EmploymentCardQueryItem: QueryItem {
    static let seq = 13
    static let module = ItemModule(seq: seq, conditions: ["群众须已领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in EmploymentCardQueryItem(item: item) }

    let item: ServiceCatalogue.Item

    func nothingToShow(for citizen: CitizenRecord, on db: any Database) async throws -> String? {
        try await EmploymentCardRecord.find(citizen: try citizen.requireID(), on: db) == nil
            ? "该群众尚未领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）" : nil
    }

    func startPage(citizen: UUID) -> SiteURL? { .employmentCard(citizen: citizen) }
}
