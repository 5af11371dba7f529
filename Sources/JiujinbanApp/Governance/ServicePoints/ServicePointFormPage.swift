import JiujinbanRules
import Plot

/// Create and edit form of a service point, with field-level messages in Chinese. Pure: the division choices come
/// from `ServicePointFormQuery`.
enum ServicePointFormPage {
    static func render(
        editing: ServicePointSummary?, form: ServicePointForm, errors: FieldErrors, divisions: GroupedChoices,
        context: PageContext
    ) -> HTML {
        let kinds = ServicePointKind.allCases.map { FormFields.Option(value: $0.rawValue, label: $0.label) }
        let action = editing.map { SiteURL.updateServicePoint(id: $0.id) } ?? .createServicePoint
        let title = editing == nil ? "新增服务点" : "修改服务点信息"
        var crumbs = [Crumb(label: "服务点", url: .servicePoints())]
        if let editing { crumbs.append(Crumb(label: editing.institution, url: .servicePoint(id: editing.id))) }
        crumbs.append(Crumb(label: title, url: nil))
        return PageShell.render(
            title: title, context: context, crumbs: crumbs,
            content: [
                FormFields.errorSummary(errors),
                .form(
                    .class("form"), .method(.post), .action(action.path), .csrf(context),
                    FormFields.select("division_code", label: "所属区划", choices: divisions, selected: form.divisionCode, errors: errors,
                                      filter: "输入乡镇、村或社区名称筛选"),
                    FormFields.select("kind", label: "服务点类型", options: kinds, selected: form.kind, errors: errors),
                    FormFields.text("name", label: "服务点名称", value: form.name, errors: errors, maxLength: 50),
                    FormFields.text("institution", label: "服务点所属机构名称", value: form.institution, errors: errors,
                                    hint: "如 古魏镇综合便民服务中心、令花社区党群服务中心", maxLength: 60),
                    FormFields.text("address", label: "服务点地址", value: form.address, errors: errors, maxLength: 100),
                    FormFields.text("longitude", label: "经度（东经）", value: form.longitude, errors: errors,
                                    hint: "十进制度如 110.6933，或度分秒如 110°41′36″；中国境内73°–136°", inputMode: "decimal"),
                    FormFields.text("latitude", label: "纬度（北纬）", value: form.latitude, errors: errors,
                                    hint: "十进制度如 34.6919，或度分秒如 34°41′31″；中国境内3°–54°", inputMode: "decimal"),
                    FormFields.text("farthest_km", label: "最远居民区距服务点距离（公里）", value: form.farthestKm, errors: errors,
                                    hint: "公里数，如 3.5", inputMode: "decimal"),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))
                ),
            ])
    }
}
