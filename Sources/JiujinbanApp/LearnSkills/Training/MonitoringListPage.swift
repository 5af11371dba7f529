import Foundation
import JiujinbanRules
import Plot

/// The county's 防止返贫监测对象名单: how many, which batch, who imported it and when, and the import form.
enum MonitoringListPage {
    struct State: Sendable {
        struct Import: Sendable {
            let batch: String
            let importedBy: String
            /// `2026-11-25 10:00`, Asia/Shanghai.
            let importedAt: String
        }

        let count: Int
        let last: Import?
    }

    static func render(_ state: State, batch: String, errors: FieldErrors, problems: [String], context: PageContext) -> HTML {
        PageShell.render(
            title: "防止返贫监测对象名单", context: context,
            crumbs: TrainingInstitutionPages.crumbs([Crumb(label: "培训机构", url: .trainingInstitutions), Crumb(label: "防止返贫监测对象名单", url: nil)]),
            content: [
                .div(.class("facts"), .dl(
                    .dt("名单人数"), .dd(.text("\(state.count)人")),
                    .dt("批次"), .dd(.text(state.last?.batch ?? "尚未导入")),
                    .dt("导入人"), .dd(.text(state.last?.importedBy ?? "—")),
                    .dt("导入时间"), .dd(.text(state.last?.importedAt ?? "—"))
                )),
                .p(.class("hint"), .text("名单由乡村振兴部门提供。导入新名单将整体替换本县现有名单；只保存身份证号码的加密索引和脱敏姓名，"
                    + "办理“培训意向登记”时据此认定“防止返贫监测对象”。")),
                .h2("导入名单"),
                FormFields.errorSummary(errors),
                .if(!problems.isEmpty, .div(.class("notice notice-error"), .attribute(named: "role", value: "alert"),
                                            .p(.strong(.text("名单文件的问题（整个文件未导入，未保存任何数据）："))),
                                            .ul(.forEach(problems) { .li(.text($0)) }))),
                .form(.class("form"), .method(.post), .action(SiteURL.monitoringList.path),
                      .attribute(named: "enctype", value: "multipart/form-data"), .csrf(context),
                      FormFields.text("batch", label: "批次名称", value: batch, errors: errors, hint: "如：2026年第3批",
                                      maxLength: PovertyMonitoringList.batchMaxLength),
                      .div(.class(errors.message(for: "file") == nil ? "field" : "field field-invalid"),
                           .label(.for("file"), .text("名单文件（CSV）"), .span(.class("required"), .text("*"))),
                           .input(.type(.file), .name("file"), .id("file"), .attribute(named: "accept", value: ".csv,text/csv"),
                                  .attribute(named: "aria-describedby", value: "file-help")),
                           .div(.id("file-help"), .class("field-help"),
                                .unwrap(errors.message(for: "file")) { .p(.class("field-error"), .text($0)) },
                                .p(.class("hint"), .text("UTF-8编码；第1行为表头“\(PovertyMonitoringList.columns.joined(separator: ","))”，"
                                    + "纳入监测日期可空（格式YYYY-MM-DD）。任一行有误则整个文件不导入。")))),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("校验并导入")))),
            ])
    }
}
