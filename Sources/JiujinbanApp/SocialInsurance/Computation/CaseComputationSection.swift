import JiujinbanRules
import Plot

/// The computation of a case as the case page and the receipt print it: the total with its parts and how each was
/// reached, the figures used with their rows' status (none for a computation from records alone), and, first, the
/// figures approval waits for and those corrected since (已更正: the row used, struck through, and its correction).
enum CaseComputationSection {
    /// - Parameter headed: with the computation's title; a page that titles it itself (the form's preview) leaves it out.
    static func render(_ computation: CaseComputation?, headed: Bool = true) -> Node<HTML.BodyContext> {
        guard let computation else { return .empty }
        return .section(
            .class("case-part computation"),
            .if(headed, .h2(.text(computation.title))),
            .if(!computation.waiting.isEmpty, .div(
                .class("error-summary figure-waiting"), .attribute(named: "role", value: "status"),
                .p(.text("以下政策参数待业务管理员核实，核实前本办件不能审批，金额为暂算：")),
                .ul(.forEach(computation.waiting) { .li(.text($0.described)) }))),
            .if(!computation.corrected.isEmpty, .div(
                .class("notice notice-warn figure-corrected"), .attribute(named: "role", value: "status"),
                .p(.text("以下政策参数在本次计算后已由业务管理员依文件更正，本计算所用的原取值已标为“已更正”；审批时按更正后的数值重新计算：")),
                .ul(.forEach(computation.corrected) { .li(.text($0.described)) }))),
            .table(.class("data-table"),
                   .thead(.tr(.th("项目"), .th("金额"), .th("计算方法"))),
                   .tbody(
                       .forEach(computation.lines) { line in
                           .tr(.td(.text((line.depth > 0 ? "　其中：" : "") + line.name)), .td(.class("number"), .text(Fen.yuan(line.amountFen))),
                               .td(.text(line.basis)))
                       },
                       .tr(.th("合计"), .td(.class("number"), .strong(.text(Fen.yuan(computation.totalFen)))),
                           .td(.text(computation.figures.isEmpty ? "以上各项合计" : "按\(computation.computedOn.iso)执行的政策参数计算"))))),
            .if(!computation.notes.isEmpty, .ul(.forEach(computation.notes) { .li(.text($0)) })),
            // A computation from records alone (a death's overpayment, from the payment records) used no figure.
            .if(!computation.figures.isEmpty, .group(
                .h3("所用政策参数"),
                .table(.class("data-table"),
                       .thead(.tr(.th("参数"), .th("数值"), .th("状态"), .th("依据"))),
                       .tbody(.forEach(computation.figures) { entry in
                           .tr(.td(.text(entry.name)), .td(entry.correction == nil ? .text(entry.value?.display ?? "—") : .del(.text(entry.value?.display ?? "—"))),
                               .td(status(entry)), .td(.text(entry.source)))
                       })))))
    }

    /// 待核实 in bold while approval waits for it; 已更正 with the value and document that replaced it.
    static func status(_ entry: FigureReading.Entry) -> Node<HTML.BodyContext> {
        if let correction = entry.correction {
            return .group(.strong(.text(entry.statusLabel)),
                          .span(.class("hint"), .text("：\(correction.on.iso)更正为\(correction.value.display)，依据\(correction.source)")))
        }
        return entry.isWaiting ? .strong(.text("待核实")) : .text(entry.status.label)
    }
}
