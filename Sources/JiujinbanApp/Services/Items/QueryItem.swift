import Fluent
import Foundation
import JiujinbanRules

/// An item that is a query (13, 33, 36): finished at once from the page that shows the answer, with no form but the
/// documents checked; the case is the record that the query was made. What differs from item to item is the page
/// it starts from and when there is nothing to show.
protocol QueryItem: ServiceItem where Form == QueryForm {
    /// Why the query has nothing to show for `citizen` (in Chinese, for the clerk), or nil when it has.
    func nothingToShow(for citizen: CitizenRecord, on db: any Database) async throws -> String?
}

/// A query records no values.
struct QueryForm: Codable, Sendable, Equatable {}

extension QueryItem {
    var fields: [CaseFormField] { [.documentsChecked(item)] }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<QueryForm, FieldErrors> {
        var errors = FieldErrors()
        errors.requireDocuments(form, item)
        return errors.isEmpty ? .success(QueryForm()) : .failure(errors)
    }

    func check(_ form: QueryForm?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if let problem = try await nothingToShow(for: citizen, on: db) { errors.add("citizen", problem) }
        return errors
    }
}
