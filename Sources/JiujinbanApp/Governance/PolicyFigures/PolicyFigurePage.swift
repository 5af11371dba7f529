import Foundation
import JiujinbanRules
import Plot

/// One figure: its rows (each 已更正 one struck through under its correction, each with who entered it and when), and for the business admin who sets
/// it a form to add a successor and, for each 待核实 row, one to confirm it and one to correct it. Each asks before it
/// is sent (site.js `data-confirm`): a change to a figure cannot be taken back.
enum PolicyFigurePage {
    /// What a refused form had typed, to show it again with its problems.
    struct Typed: Sendable {
        var validFrom = ""
        var value = ""
        var source = ""
        /// The row a refused confirmation was for; nil for the other forms.
        var confirming: UUID?
        /// The row a refused correction was for; nil for the other forms.
        var correcting: UUID?

        var isSuccessor: Bool { confirming == nil && correcting == nil }
    }

    static func render(_ figure: PolicyFigureView, typed: Typed = Typed(), errors: FieldErrors = FieldErrors(), context: PageContext) -> HTML {
        let definition = figure.key.definition
        let title = "\(definition.name)（\(figure.owner)）"
        return PageShell.render(
            title: title, context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "政策参数", url: .policyFigures), Crumb(label: title, url: nil)],
            content: [
                .p(.class("lead"), .text("单位：\(definition.unit)。\(definition.scope == .province ? "全省统一，由省级业务管理员维护。" : "各县分别设定，由本县业务管理员维护。")")),
                .table(.class("data-table compact"),
                    .thead(.tr(.th("生效期间"), .th("取值"), .th("状态"), .th("依据文件"), .th("来源可靠性"), .th("录入"), .th(""))),
                    .tbody(.forEach(figure.rows) { row in
                        .tr(.if(row.isSuperseded, .class("superseded")),
                            .td(.class("nowrap"), PolicyFiguresPage.struck(row, .text(PolicyFiguresPage.period(row)))),
                            .td(.class("nowrap"), PolicyFiguresPage.struck(row, .text(row.value?.display ?? "（数值未找到）"))),
                            .td(.class("nowrap"), PolicyFiguresPage.statusTag(row), .unwrap(row.supersession) { supersession in
                                .group(.br(), .span(.class("hint"), .text("\(CalendarDate(supersession.at).iso)更正")))
                            }),
                            .td(.text(row.source)), .td(.text(row.confidence.label)), .td(.class("nowrap"), .text(figure.setters[row.id] ?? "")),
                            .td(.if(figure.mayChange && isOpen(row), actions(row, figure: figure, typed: typed))))
                    })),
                .if(figure.mayChange, rowForm(figure, typed: typed, errors: errors, context: context)),
                .if(figure.rows.isEmpty, .p(.text("尚未设定取值。"))),
                .if(figure.mayChange, successorForm(figure, typed: typed.isSuccessor ? typed : Typed(),
                                                    errors: typed.isSuccessor ? errors : FieldErrors(), context: context)),
            ])
    }

    /// A row that may still be confirmed or corrected: 待核实 and not 已更正.
    static func isOpen(_ row: PolicyFigureRow) -> Bool { row.status == .unconfirmed && !row.isSuperseded }

    /// The confirmation or correction form a link opened or a refusal returns to; a refusal about a row that has no
    /// such form any more (confirmed or corrected meanwhile) shows its problems alone.
    static func rowForm(_ figure: PolicyFigureView, typed: Typed, errors: FieldErrors, context: PageContext) -> Node<HTML.BodyContext> {
        if let row = figure.rows.first(where: { $0.id == typed.confirming && isOpen($0) }) {
            return confirmForm(row, figure: figure, typed: typed, errors: errors, context: context)
        }
        if let row = figure.rows.first(where: { $0.id == typed.correcting && isOpen($0) && $0.value != nil }) {
            return correctForm(row, figure: figure, typed: typed, errors: errors, context: context)
        }
        return .if(!typed.isSuccessor && !errors.isEmpty, .section(.class("panel"), FormFields.errorSummary(errors)))
    }

    /// The links that open a 待核实 row's forms: confirm it as it stands, or, when it has a value, correct it.
    static func actions(_ row: PolicyFigureRow, figure: PolicyFigureView, typed: Typed) -> Node<HTML.BodyContext> {
        .div(.class("row-actions"),
             .if(typed.confirming != row.id,
                 .a(.href(SiteURL.policyFigure(figure.key, county: figure.county, confirm: row.id).path), .text("依文件确认"))),
             .if(row.value != nil && typed.correcting != row.id,
                 .a(.href(SiteURL.policyFigure(figure.key, county: figure.county, correct: row.id).path), .text("更正并确认"))))
    }

    static func successorForm(_ figure: PolicyFigureView, typed: Typed, errors: FieldErrors, context: PageContext) -> Node<HTML.BodyContext> {
        let latest = figure.latest
        return .section(.class("panel"), .h2("录入新值"),
            .p(.class("hint"), .text(latest.map { "新值自生效日期起执行；现行值（\($0.validFrom.iso)起）至生效日期前一日止，不改写。" } ?? "录入该参数的第一个取值。")),
            FormFields.errorSummary(errors),
            .form(.class("form"), .method(.post), .action(SiteURL.addPolicyFigureSuccessor.path), .csrf(context),
                  .attribute(named: "data-confirm", value: "确认保存“\(figure.key.definition.name)”的新值？保存后现行值将于生效日期前一日停止，不能撤回。"),
                  .input(.type(.hidden), .name("key"), .value(figure.key.rawValue)),
                  .input(.type(.hidden), .name("county"), .value(figure.county?.countyCode ?? "")),
                  FormFields.text("valid_from", label: "生效日期", value: typed.validFrom, errors: errors, hint: "YYYY-MM-DD"),
                  FormFields.text("value", label: "数值（\(figure.key.definition.unit)）", value: typed.value.isEmpty ? latest?.value?.entry : typed.value,
                                  errors: errors, hint: hint(figure.key.definition.kind)),
                  FormFields.text("source", label: "依据文件（名称及文号）", value: typed.source, errors: errors, maxLength: 200),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存新值")))))
    }

    static func confirmForm(_ row: PolicyFigureRow, figure: PolicyFigureView, typed: Typed, errors: FieldErrors, context: PageContext) -> Node<HTML.BodyContext> {
        .section(.class("panel"), .h2(.text("确认\(PolicyFiguresPage.period(row))的取值")),
            .p(.class("hint"), .text(row.value == nil ? "该取值尚未找到：请依正式文件填写数值及文件。" : "请对照正式文件核对数值\(row.value!.display)；数值不符时请勿确认，应“更正并确认”。")),
            FormFields.errorSummary(errors),
            .form(.class("form"), .method(.post), .action(SiteURL.confirmPolicyFigure.path), .csrf(context),
                  .attribute(named: "data-confirm", value: "确认该取值（\(row.value?.display ?? "所填数值")，\(row.validFrom.iso)起）与所填文件一致？确认后不能撤回。"),
                  .input(.type(.hidden), .name("row"), .value(row.id.uuidString.lowercased())),
                  .if(row.value == nil, FormFields.text("confirm_value", label: "数值（\(figure.key.definition.unit)）", value: typed.value,
                                                        errors: errors, hint: hint(figure.key.definition.kind))),
                  FormFields.text("confirm_source", label: "依据文件（名称及文号）", value: typed.source, errors: errors, maxLength: 200),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("确认")))))
    }

    static func correctForm(_ row: PolicyFigureRow, figure: PolicyFigureView, typed: Typed, errors: FieldErrors, context: PageContext) -> Node<HTML.BodyContext> {
        let unit = figure.key.definition.unit
        return .section(.class("panel"), .h2(.text("更正并确认\(PolicyFiguresPage.period(row))的取值")),
            .p(.class("hint"), .text("原取值\(row.value?.display ?? "")与正式文件不符时，填写文件中的数值。原取值不改写，保留并标为“已更正”（已按它计算的办件仍可查明依据）；"
                + "更正后的取值生效期间不变（\(PolicyFiguresPage.period(row))），即为已确认，此后的计算及审批按它取值。")),
            FormFields.errorSummary(errors),
            .form(.class("form"), .method(.post), .action(SiteURL.correctPolicyFigure.path), .csrf(context),
                  .attribute(named: "data-confirm",
                             value: "确认将\(PolicyFiguresPage.period(row))的取值由\(row.value?.display ?? "")更正为所填数值，并依所填文件确认？提交后不能撤回。"),
                  .input(.type(.hidden), .name("row"), .value(row.id.uuidString.lowercased())),
                  FormFields.text("correct_value", label: "更正后的数值（\(unit)）", value: typed.value.isEmpty ? row.value?.entry : typed.value,
                                  errors: errors, hint: hint(figure.key.definition.kind)),
                  FormFields.text("correct_source", label: "依据文件（名称及文号）", value: typed.source, errors: errors, maxLength: 200),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("更正并确认")))))
    }

    static func hint(_ kind: PolicyFigureDefinition.Kind) -> String {
        switch kind {
        case .amount: "金额，单位元，最多两位小数"
        case .count: "正整数"
        case .rate: "百分数，如90表示90%，最多两位小数"
        case .date: "日期，YYYY-MM-DD"
        case .grades: "每档“缴费/补贴”（元），逗号分隔，从低到高，如 200/70，500/120"
        }
    }
}
