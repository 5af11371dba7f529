import Fluent
import Foundation
import JiujinbanRules

/// The generic flow every item uses until its own issue gives it a form: the operator confirms the documents the
/// service guide asks for were checked, and may add a note. Eligibility: working age for the employment and skills
/// groups.
struct GenericItem: ServiceItem {
    struct Form: Codable, Sendable, Equatable {
        var note: String
    }

    let item: ServiceCatalogue.Item

    static let workingAgeGroups: Set<String> = ["job", "skill"]
    static let minimumWorkingAge = 16
    static let noteLength = 200

    var fields: [CaseFormField] {
        [.documentsChecked(item), CaseFormField(name: "note", label: "备注", kind: .text(maxLength: Self.noteLength), required: false)]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        errors.requireDocuments(form, item)
        let note = TextField.optional(form["note"], field: "note", label: "备注", maxLength: Self.noteLength, into: &errors)
        if Self.workingAgeGroups.contains(item.category), let birth = CalendarDate(iso: citizen.birthDate),
           today.completedYears(since: birth) < Self.minimumWorkingAge {
            errors.add("citizen", "“\(item.name)”面向劳动年龄人员，该群众未满\(Self.minimumWorkingAge)周岁")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(note: note ?? ""))
    }

    /// The module of an item no group declares: the generic form, no kiosk flow, nothing the platform opens.
    static func module(for item: ServiceCatalogue.Item) -> ItemModule {
        module(for: item, as: declared(seq: item.seq))
    }

    /// The generic module with what the item's group declared of it (`declared`), and the conditions of its group.
    static func module(for item: ServiceCatalogue.Item, as declaration: ItemModule) -> ItemModule {
        ItemModule(seq: item.seq, conditions: workingAgeGroups.contains(item.category)
                       ? ["面向劳动年龄人员：未满\(minimumWorkingAge)周岁的群众不予受理"] : [],
                   kioskSteps: declaration.kioskSteps, platformPurposes: declaration.platformPurposes,
                   takesGenericForm: true, make: make)
    }

    /// What a group's list declares of an item that still takes the generic form: the steps of its kiosk flow (an
    /// item the catalogue offers at the kiosk), and why the platform may open a case of it (a follow-up).
    static func declared(seq: Int, kioskSteps: [KioskStep] = [], platformPurposes: Set<PlatformPurpose> = []) -> ItemModule {
        ItemModule(seq: seq, kioskSteps: kioskSteps, platformPurposes: platformPurposes, takesGenericForm: true, make: make)
    }

    static let make: ItemModule.Factory = { item, _, _ in GenericItem(item: item) }
}
