import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民养老保险人员缴费信息查询 (item 33), finished at once: it starts from the person's contributions page
/// (every year, type, amounts and 到账, both schemes, printable), where the operator records the query as a case;
/// a kiosk records it the same way for the person it identified.
struct ContributionQueryItem: QueryItem {
    static let seq = 33
    static let module = ItemModule(seq: seq, conditions: ["群众须已参加城乡居民基本养老保险或补充养老保险（参保台账有参保记录）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in ContributionQueryItem(item: item) }

    let item: ServiceCatalogue.Item

    func nothingToShow(for citizen: CitizenRecord, on db: any Database) async throws -> String? {
        let ledger = try await PensionClaimLedger.load(citizen: try citizen.requireID(), on: db)
        let enrolled = ledger.enrolment(.residentBasic) != nil || ledger.enrolment(.residentSupplementary) != nil
        return enrolled ? nil : "该群众在参保台账中没有城乡居民养老保险参保记录，无缴费信息可查询"
    }

    func startPage(citizen: UUID) -> SiteURL? { .insuranceContributions(citizen: citizen) }
}
