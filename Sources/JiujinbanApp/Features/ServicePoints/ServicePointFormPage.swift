import Fluent
import JiujinbanRules
import Plot
import Vapor

/// Create and edit form of a service point, with field-level messages in Chinese.
enum ServicePointFormPage {
    static func respond(
        _ req: Request, editing: ServicePointSummary?, form: ServicePointForm, errors: FieldErrors, status: HTTPResponseStatus
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let divisions = try await Division.query(on: req.db)
            .filter(\.$level ~~ [DivisionLevel.township, .village, .community].map(\.rawValue))
            .filter(\.$id =~ staff.scopeRoot.scopePrefix)
            .sort(\.$id).all().map(\.summary)
        let names = Dictionary(uniqueKeysWithValues: divisions.map { ($0.code, $0.shortName) })
        let options = divisions.map { division -> FormFields.Option in
            let township = names[String(division.code.prefix(9)) + "000"] ?? ""
            let label = division.level == .township ? division.name : "\(township) › \(division.shortName)"
            return FormFields.Option(value: division.code, label: "\(label)（\(division.code)）")
        }
        let page = render(editing: editing, form: form, errors: errors, divisions: options, context: PageContext(req))
        return HTMLResponse.make(page, status: status)
    }

    static func render(
        editing: ServicePointSummary?, form: ServicePointForm, errors: FieldErrors, divisions: [FormFields.Option],
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
                    FormFields.select("division_code", label: "所属区划", options: divisions, selected: form.divisionCode, errors: errors),
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
