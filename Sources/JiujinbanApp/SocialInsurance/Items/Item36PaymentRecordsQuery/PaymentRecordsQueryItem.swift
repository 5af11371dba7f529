import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民养老保险待遇发放记录查询 (item 36), finished at once: it starts from the person's payments page (the
/// entitlements with this month's composition, every payment with its bank account masked, result and failure
/// reason), where the operator records the query as a case; a kiosk records it the same way.
struct PaymentRecordsQueryItem: ServiceItem {
    static let seq = 36
    static let module = ItemModule(seq: seq, conditions: ["群众须为城乡居民养老保险待遇领取人员（参保台账有待遇记录）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in PaymentRecordsQueryItem(item: item) }

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
        if !ledger.view.entitlements.contains(where: { $0.scheme == InsuranceScheme.residentBasic.rawValue || $0.scheme == InsuranceScheme.residentSupplementary.rawValue }) {
            errors.add("citizen", "该群众没有城乡居民养老保险待遇记录，无发放记录可查询")
        }
        return errors
    }

    func startPage(citizen: UUID) -> SiteURL? { .insurancePayments(citizen: citizen) }
}
