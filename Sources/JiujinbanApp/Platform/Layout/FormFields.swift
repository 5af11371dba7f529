import JiujinbanRules
import Plot

/// Labelled inputs with their error message beside them, so a clerk sees which field is wrong and why.
enum FormFields {
    struct Option: Sendable {
        let value: String
        let label: String
    }

    static func text(
        _ name: String, label: String, value: String?, errors: FieldErrors, hint: String? = nil,
        maxLength: Int? = nil, inputMode: String? = nil, required: Bool = true
    ) -> Node<HTML.FormContext> {
        let message = errors.message(for: name)
        return .div(
            .class(message == nil ? "field" : "field field-invalid"),
            .label(.for(name), .text(label), .if(required, .span(.class("required"), .text("*")))),
            .input(
                .type(.text), .name(name), .id(name), .value(value ?? ""),
                .attribute(named: "maxlength", value: maxLength.map(String.init)),
                .attribute(named: "inputmode", value: inputMode),
                .attribute(named: "aria-invalid", value: message == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: name + "-help")
            ),
            .div(
                .id(name + "-help"), .class("field-help"),
                .unwrap(message) { .p(.class("field-error"), .text($0)) },
                .unwrap(hint) { .p(.class("hint"), .text($0)) }
            )
        )
    }

    /// A plain list: the grouped select with loose choices only, and no filter box.
    static func select(
        _ name: String, label: String, options: [Option], selected: String?, errors: FieldErrors,
        placeholder: String = "请选择", required: Bool = true
    ) -> Node<HTML.FormContext> {
        select(name, label: label, choices: GroupedChoices(loose: options.map { GroupedChoices.Choice(value: $0.value, label: $0.label) },
                                                           groups: []),
               selected: selected, errors: errors, placeholder: placeholder, required: required, filter: nil)
    }

    /// A long list in groups (villages by township, occupations by major group). `data-filter` asks site.js for a box
    /// above it that narrows the list as one types (its text is the box's placeholder); without the script it is the
    /// plain grouped select. Without `filter`, no box.
    static func select(
        _ name: String, label: String, choices: GroupedChoices, selected: String?, errors: FieldErrors,
        placeholder: String = "请选择", required: Bool = true, filter: String? = "输入名称筛选"
    ) -> Node<HTML.FormContext> {
        let message = errors.message(for: name)
        return .div(
            .class(message == nil ? "field" : "field field-invalid"),
            .label(.for(name), .text(label), .if(required, .span(.class("required"), .text("*")))),
            .select(
                .attribute(named: "name", value: name), .id(name),
                .attribute(named: "data-filter", value: filter),
                .attribute(named: "aria-invalid", value: message == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: name + "-help"),
                .choice("", placeholder),
                .choices(choices, selected: selected)
            ),
            .div(.id(name + "-help"), .class("field-help"), .unwrap(message) { .p(.class("field-error"), .text($0)) })
        )
    }

    /// The summary at the top of a refused form: how many problems, each named.
    static func errorSummary(_ errors: FieldErrors) -> Node<HTML.BodyContext> {
        .if(!errors.isEmpty, .div(
            .class("notice notice-error"), .attribute(named: "role", value: "alert"),
            .p(.strong(.text("提交未成功，请修改以下\(errors.problems.count)处问题后重新提交（未保存任何数据）："))),
            .ul(.forEach(errors.problems) { problem in .li(.a(.href("#" + problem.field), .text(problem.message))) })
        ))
    }
}
