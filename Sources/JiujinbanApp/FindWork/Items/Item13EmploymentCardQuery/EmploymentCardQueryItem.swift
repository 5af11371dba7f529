import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 《就业创业证》查询 (item 13), finished at once: it starts from the card's page, where the operator records the
/// query as a case once the person's documents are checked.
struct EmploymentCardQueryItem: ServiceItem {
    static let seq = 13
    static let module = ItemModule(seq: seq, conditions: ["群众须已领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）"],
                                   kioskSteps: KioskStep.query) { item, _, _ in EmploymentCardQueryItem(item: item) }

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
        if try await EmploymentCardRecord.find(citizen: try citizen.requireID(), on: db) == nil {
            errors.add("citizen", "该群众尚未领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）")
        }
        return errors
    }

    func startPage(citizen: UUID) -> SiteURL? { .employmentCard(citizen: citizen) }
}
