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

    static func module(for item: ServiceCatalogue.Item) -> ItemModule {
        ItemModule(seq: item.seq, conditions: workingAgeGroups.contains(item.category)
                       ? ["面向劳动年龄人员：未满\(minimumWorkingAge)周岁的群众不予受理"] : [],
                   kioskSteps: kioskFlows[item.seq] ?? [], platformPurposes: platformPurposes[item.seq] ?? []) { item, _, _ in
            GenericItem(item: item)
        }
    }

    /// What the platform may open by itself among the items without a module of their own: the follow-up of a
    /// training intention (培训意向跟踪反馈), which the platform opens for the point that registered the intention.
    static let platformPurposes: [Int: Set<PlatformPurpose>] = [
        18: [.followUp], // 培训意向跟踪反馈
    ]

    /// The kiosk flows of the items the catalogue offers at the kiosk that have no module of their own yet (the
    /// social-insurance applications and queries); each moves to its item's folder with its issue.
    static let kioskFlows: [Int: [KioskStep]] = [
        22: KioskStep.application, // 技能提升补贴申领
        23: KioskStep.application, // 失业保险金申领
        25: KioskStep.query, // 企业职工基本养老保险参保情况查询
        26: KioskStep.query, // 企业职工基本养老保险待遇发放记录查询
        27: KioskStep.query, // 失业保险待遇发放记录查询
        33: KioskStep.query, // 城乡居民养老保险人员缴费信息查询
        36: KioskStep.query, // 城乡居民养老保险待遇发放记录查询
    ]
}
