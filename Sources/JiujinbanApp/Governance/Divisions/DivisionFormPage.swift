import JiujinbanRules
import Plot

/// The form to add a division under an existing one.
enum DivisionFormPage {
    static func render(form: DivisionForm, errors: FieldErrors, parents: [DivisionSummary], context: PageContext) -> HTML {
        // Provinces come only from `jiujinban divisions import`.
        let levels = DivisionLevel.allCases.filter { $0 != .province }.map { FormFields.Option(value: $0.rawValue, label: $0.label) }
        let parentOptions = parents.map { FormFields.Option(value: $0.code, label: "\($0.name)（\($0.level.label) \($0.code)）") }
        return PageShell.render(
            title: "新增行政区划", context: context,
            crumbs: [Crumb(label: "行政区划", url: .divisions), Crumb(label: "新增", url: nil)],
            content: [
                FormFields.errorSummary(errors),
                .form(
                    .class("form"), .method(.post), .action(SiteURL.createDivision.path), .csrf(context),
                    FormFields.select("parent_code", label: "上级区划", options: parentOptions,
                                      selected: form.parentCode, errors: errors, placeholder: "请选择上级区划"),
                    FormFields.select("level", label: "层级", options: levels, selected: form.level, errors: errors),
                    FormFields.text("code", label: "统计用区划代码", value: form.code, errors: errors,
                                    hint: "12位数字，如 140830100204；行政村编号200–399，社区编号001–199",
                                    maxLength: 12, inputMode: "numeric"),
                    FormFields.text("name", label: "名称", value: form.name, errors: errors, maxLength: 40),
                    FormFields.text("area_km2", label: "地域面积（平方公里）", value: form.areaKm2, errors: errors,
                                    hint: "最多两位小数，可不填", inputMode: "decimal", required: false),
                    FormFields.text("population_wan", label: "常住人口（万人）", value: form.populationWan, errors: errors,
                                    hint: "以万人计，最多四位小数，可不填", inputMode: "decimal", required: false),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))
                ),
            ])
    }
}
