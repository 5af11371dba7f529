import Foundation
import JiujinbanRules
import Plot

/// The form of one 开班计划 of an institution.
enum ClassPlanPages {
    /// The institution the plan is for, and what it may teach.
    struct Heading: Sendable {
        let institutionID: UUID
        let institutionName: String
        let approvals: [String]
    }

    static func form(_ values: ClassPlanForm, heading: Heading, editing: UUID?, occupations: [FormFields.Option], errors: FieldErrors,
                     context: PageContext) -> HTML {
        let title = editing == nil ? "新增开班计划" : "修改开班计划"
        let action = editing.map { SiteURL.classPlan(id: $0).path } ?? SiteURL.classPlans(institution: heading.institutionID).path
        return PageShell.render(
            title: title, context: context,
            crumbs: TrainingInstitutionPages.crumbs([
                Crumb(label: "培训机构", url: .trainingInstitutions),
                Crumb(label: heading.institutionName, url: .trainingInstitution(id: heading.institutionID)), Crumb(label: title, url: nil),
            ]),
            content: [
                .p(.class("lead"), .text("\(heading.institutionName)获准培训：\(heading.approvals.joined(separator: "；"))")),
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(action), .csrf(context),
                      FormFields.select("occupation", label: "职业", options: occupations, selected: values.occupation, errors: errors),
                      FormFields.select("level", label: "等级", options: SkillLevel.allCases.map { .init(value: String($0.rawValue), label: $0.chinese) },
                                        selected: values.level, errors: errors),
                      date("starts", label: "开班日期", value: values.starts, errors: errors),
                      date("ends", label: "结业日期", value: values.ends, errors: errors),
                      FormFields.text("place", label: "培训地点", value: values.place, errors: errors, maxLength: ClassPlanDraft.placeMaxLength),
                      FormFields.text("capacity", label: "计划人数", value: values.capacity, errors: errors,
                                      hint: "1至\(ClassPlanDraft.capacityMax)人", maxLength: 5, inputMode: "numeric"),
                      FormFields.text("enrolled", label: "已报名人数", value: values.enrolled, errors: errors,
                                      hint: "机构已招收的人数，不超过计划人数", maxLength: 5, inputMode: "numeric"),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }

    static func date(_ name: String, label: String, value: String, errors: FieldErrors) -> Node<HTML.FormContext> {
        let message = errors.message(for: name)
        return .div(
            .class(message == nil ? "field" : "field field-invalid"),
            .label(.for(name), .text(label), .span(.class("required"), .text("*"))),
            .input(.type(.date), .name(name), .id(name), .value(value), .attribute(named: "aria-describedby", value: name + "-help"),
                   .attribute(named: "aria-invalid", value: message == nil ? nil : "true")),
            .div(.id(name + "-help"), .class("field-help"), .unwrap(message) { .p(.class("field-error"), .text($0)) })
        )
    }
}
