import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民养老保险人员缴费信息查询 (item 33), finished at once: it starts from the person's contributions page
/// (every year, type, amounts and 到账, both schemes, printable), where the operator records the query as a case;
/// a kiosk records it the same way for the person it identified.
struct ContributionQueryItem: ServiceItem {
    static let seq = 33
    static let module = ItemModule(seq: seq, conditions: ["群众须已参加城乡居民基本养老保险或补充养老保险（参保台账有参保记录）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in ContributionQueryItem(item: item) }

    /// A query records no values: the case is the record that it was made.
    struct Form: Codable, Sendable, Equatable {}

    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] { [.documentsChecked(item)] }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        errors.requireDocuments(form, item)
        return errors.isEmpty ? .success(Form()) : .failure(errors)
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        let ledger = try await PensionClaimLedger.load(citizen: try citizen.requireID(), on: db)
        if ledger.enrolment(.residentBasic) == nil && ledger.enrolment(.residentSupplementary) == nil {
            errors.add("citizen", "该群众在参保台账中没有城乡居民养老保险参保记录，无缴费信息可查询")
        }
        return errors
    }

    func startPage(citizen: UUID) -> SiteURL? { .insuranceContributions(citizen: citizen) }
}
