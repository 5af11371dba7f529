import Foundation
import JiujinbanRules
import Plot

enum ArchiveOfficesPage {
    static func crumbs(_ last: String?) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))]
            + (last.map { [Crumb(label: "档案存放机构", url: .archiveOffices()), Crumb(label: $0, url: nil)] }
                ?? [Crumb(label: "档案存放机构", url: nil)])
    }

    struct ListModel: Sendable {
        let offices: [ArchiveOfficeView]
        let filter: ArchiveOfficeRecord.Filter
        let query: String
        let divisions: [DivisionSummary]
        let manages: Bool
    }

    static func index(_ model: ListModel, context: PageContext) -> HTML {
        let filter = model.filter
        return PageShell.render(
            title: "档案存放机构查询", context: context, crumbs: crumbs(nil),
            content: [
                CounterSearch.panel(context),
                .form(.class("filters"), .method(.get), .action(SiteURL.archiveOffices().path), CounterSearch.keep(context),
                      .label(.for("division"), .text("所在地区")),
                      .select(.attribute(named: "name", value: "division"), .id("division"),
                              .choice("", "全省"),
                              .choices(DirectoryDivisions.options(model.divisions), selected: filter.division?.value)),
                      .label(.text("关键词 "), .input(.type(.search), .name("q"), .value(model.query),
                                                    .attribute(named: "placeholder", value: "如：高校毕业生 人才"),
                                                    .attribute(named: "maxlength", value: "100"))),
                      .button(.type(.submit), .class("button small"), .text("查询")),
                      .if(model.manages, .a(.class("button small"), .href(SiteURL.newArchiveOffice.path), .text("录入档案存放机构")))),
                .p(.class("hint"), .text("共\(model.offices.count)个机构"
                    + (filter.terms.isEmpty ? "，按所在地区排列。" : "（关键词“\(filter.terms.joined(separator: " "))”须同时出现在名称、地址、存档范围或办公时间中）。"))),
                .if(model.offices.isEmpty, .p(.class("empty"), .text(filter.terms.isEmpty && filter.division == nil
                    ? "尚未录入档案存放机构" : "没有符合条件的档案存放机构"))),
                .if(!model.offices.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("机构名称"), .th("所在地区"), .th("地址"), .th("联系电话"), .th("办公时间"))),
                    .tbody(.forEach(model.offices) { office in
                        .tr(.td(.a(.href(SiteURL.archiveOffice(id: office.id).path), .text(office.name))),
                            .td(.text(office.divisionName)),
                            .td(.text(office.address)),
                            .td(.class("nowrap"), .text(office.contactPhone)),
                            .td(.text(office.hours)))
                    }))),
            ])
    }

    static func show(_ office: ArchiveOfficeView, edits: Bool, context: PageContext) -> HTML {
        PageShell.render(
            title: office.name, context: context, crumbs: crumbs(office.name),
            content: [
                .div(.class("facts"), .dl(
                    .dt("机构名称"), .dd(.text(office.name)),
                    .dt("所在地区"), .dd(.text(office.divisionName)),
                    .dt("地址"), .dd(.text(office.address)),
                    .dt("联系电话"), .dd(.text(office.contactPhone)),
                    .dt("办公时间"), .dd(.text(office.hours)),
                    .dt("存档范围"), .dd(.forEach(office.scopeLines) { .p(.text($0)) })
                )),
                .if(edits, .div(.class("actions"), .a(.class("button"), .href(SiteURL.editArchiveOffice(id: office.id).path), .text("修改")))),
            ])
    }

    static func form(_ values: ArchiveOfficeDraft, editing: UUID?, divisions: [DivisionSummary], errors: FieldErrors, context: PageContext) -> HTML {
        let title = editing == nil ? "录入档案存放机构" : "修改档案存放机构"
        let action = editing.map { SiteURL.archiveOffice(id: $0).path } ?? SiteURL.archiveOffices().path
        return PageShell.render(
            title: title, context: context, crumbs: crumbs(editing == nil ? "录入" : "修改"),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(action), .csrf(context),
                      FormFields.text("name", label: "机构名称", value: values.name, errors: errors, hint: "如：芮城县人才交流服务中心", maxLength: 50),
                      FormFields.select("division", label: "所在区划", choices: DirectoryDivisions.options(divisions), selected: values.division,
                                        errors: errors),
                      FormFields.text("address", label: "地址", value: values.address, errors: errors, maxLength: 100),
                      FormFields.text("contact_phone", label: "联系电话", value: values.contactPhone, errors: errors,
                                      hint: "手机号码，或带区号的固定电话，如0359-3021234", maxLength: 30),
                      FormFields.text("hours", label: "办公时间", value: values.hours, errors: errors,
                                      hint: "如：周一至周五 8:00—12:00，14:30—17:30（法定节假日除外）", maxLength: 100),
                      .div(.class(errors.message(for: "scope") == nil ? "field" : "field field-invalid"),
                           .label(.for("scope"), .text("存档范围"), .span(.class("required"), .text("*"))),
                           .textarea(.name("scope"), .id("scope"), .attribute(named: "rows", value: "6"),
                                     .attribute(named: "maxlength", value: String(ArchiveOfficeDraft.maximumScopeLength)),
                                     .attribute(named: "aria-describedby", value: "scope-help"), .text(values.scope ?? "")),
                           .div(.id("scope-help"), .class("field-help"),
                                .unwrap(errors.message(for: "scope")) { .p(.class("field-error"), .text($0)) },
                                .p(.class("hint"), .text("哪些人员的档案可在此存放，如：户籍在本县的流动人员、在本县就业的高校毕业生")))),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }
}
