import Fluent
import Foundation
import JiujinbanRules

extension CaseEngine {
    /// A form sent for an item, by any channel: the counter's HTML form, a kiosk screen, an interface call.
    struct Submission: Sendable {
        let citizen: CitizenRecord
        let item: ServiceCatalogue.Item
        /// What the channel sent, by field name (see `SubmittedForm.init(_:fields:)`).
        let sent: [String: String]
        /// The channel's key for this form: the same key from the same actor is the same case.
        let key: String?
    }

    /// What became of a submission: a case, or the form with every problem named by field.
    enum Outcome: Sendable {
        case accepted(UUID)
        case refused(form: SubmittedForm, errors: FieldErrors)
    }

    /// 受理 as one use case: may the actor start the item for the person (refused with an audited 403), the item's
    /// validation and its checks against stored records, then the case. Nothing is written for a refused form.
    static func submit(_ submission: Submission, by actor: CaseActor, in context: CaseContext) async throws -> Outcome {
        let citizenID = try submission.citizen.requireID()
        try await requireAllowed(actor, item: submission.item, citizen: citizenID, in: context)
        guard let county = actor.division.ancestor(atDepth: 2) else { throw PublicError(.forbidden, Refusal.caseOnlyAtServicePoint.message) }
        let module = try await ItemRegistry.make(submission.item, county: county, on: context.db)
        let form = SubmittedForm(submission.sent, fields: module.fields)
        let validated: ValidatedForm
        switch try await module.examine(form, citizen: submission.citizen, today: context.services.clock.today, on: context.db) {
        case .success(let value): validated = value
        case .failure(let errors): return .refused(form: form, errors: errors)
        }
        guard let key = submission.key.flatMap({ UUID(uuidString: $0) }) else {
            throw PublicError(.badRequest, "表单已失效，请重新打开受理页面")
        }
        return .accepted(try await accept(
            Acceptance(citizen: submission.citizen, item: submission.item, form: validated, submissionKey: key.uuidString.lowercased(),
                       module: module),
            by: actor, in: context))
    }
}
