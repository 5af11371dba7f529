import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 培训意向跟踪反馈 (item 18): for one open training intention, the point asks the training institution or the
/// county's human-resources department when a class opens, records the answer and tells the person (text message and
/// a printed note). The platform opens the case when an intention has waited without a class (`TrainingFollowUpSweep`);
/// an operator may open one at any time. Its work is the point's: nobody reviews it, the point finishes it
/// (`CaseFile.finishedAtPoint`) within 5 working days.
struct TrainingFollowUpItem: ServiceItem {
    static let seq = 18
    static let module = ItemModule(
        seq: seq, conditions: ["群众须有待开班的培训意向（已办理培训意向登记，尚未报名、结业或撤销）", "每个培训意向同时只有一件未办结的跟踪反馈"],
        platformPurposes: [.followUp], migrations: { [M0068TrainingFollowUpWait()] }, finishedAtPoint: true,
        work: { id in ItemLink(label: "跟踪反馈（记录、告知单）", url: .trainingFollowUp(caseID: id), primary: true) }
    ) { item, _, _ in TrainingFollowUpItem(item: item) }

    struct Form: Codable, Sendable, Equatable {
        var intention: UUID
    }

    let item: ServiceCatalogue.Item

    /// Chosen on the start page, which lists the person's open intentions (`TrainingFollowUpStartPage`).
    var fields: [CaseFormField] {
        [CaseFormField(name: "intention", label: "培训意向", kind: .hidden, required: true)]
    }

    func startPage(citizen: UUID) -> SiteURL? { .newTrainingFollowUp(citizen: citizen) }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        guard let id = form["intention"].flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            var errors = FieldErrors()
            errors.add("intention", "培训意向：请选择要跟踪反馈的培训意向")
            return .failure(errors)
        }
        return .success(Form(intention: id))
    }

    /// The intention is the person's and still open, without a follow-up already open beside it.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        let open = try await FollowUpIntentions.open(citizen: try citizen.requireID(), on: db)
        if open.isEmpty {
            errors.add("intention", "培训意向：该群众没有待开班的培训意向，无需跟踪反馈（请先办理培训意向登记）")
            return errors
        }
        guard let form else { return errors }
        guard let chosen = open.first(where: { $0.id == form.intention }) else {
            errors.add("intention", "培训意向：所选培训意向不是该群众待开班的培训意向（可能已报名、结业或撤销）")
            return errors
        }
        if chosen.followUpOpen { errors.add("intention", "培训意向：该培训意向已有未办结的跟踪反馈，请先办结") }
        return errors
    }

    /// The follow-up waiting for its answer, and the day it was opened on the intention (the next wait counts from it).
    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO training_follow_ups (id, intention_id, case_id, opened_on, opened_by)
            VALUES (\(bind: UUID()), \(bind: form.intention), \(bind: effect.caseID), \(bind: effect.today.iso),
                    \(bind: effect.actorAccount == nil ? "platform" : "staff"))
            """).run()
        try await sql.raw("""
            UPDATE training_intentions SET last_follow_up_on = \(bind: effect.today.iso) WHERE id = \(bind: form.intention)
            """).run()
    }
}
