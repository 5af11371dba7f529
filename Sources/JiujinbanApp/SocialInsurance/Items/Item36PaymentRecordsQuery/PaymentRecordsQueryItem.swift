import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民养老保险待遇发放记录查询 (item 36), finished at once: it starts from the person's payments page (the
/// entitlements with this month's composition, every payment with its bank account masked, result and failure
/// reason), where the operator records the query as a case; a kiosk records it the same way.
struct PaymentRecordsQueryItem: QueryItem {
    static let seq = 36
    static let module = ItemModule(seq: seq, conditions: ["群众须为城乡居民养老保险待遇领取人员（参保台账有待遇记录）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in PaymentRecordsQueryItem(item: item) }

    let item: ServiceCatalogue.Item

    func nothingToShow(for citizen: CitizenRecord, on db: any Database) async throws -> String? {
        let ledger = try await PensionClaimLedger.load(citizen: try citizen.requireID(), on: db)
        return ledger.view.entitlements.contains { $0.scheme.isResident } ? nil : "该群众没有城乡居民养老保险待遇记录，无发放记录可查询"
    }

    func startPage(citizen: UUID) -> SiteURL? { .insurancePayments(citizen: citizen) }
}
