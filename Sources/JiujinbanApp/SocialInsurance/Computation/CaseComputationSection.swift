import JiujinbanRules
import Plot

/// The computation of a case as the case page and the receipt print it: the total with its parts and how each was
/// reached, the figures used with their rows' status (none for a computation from records alone), and, first, the
/// figures approval waits for.
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
                           .tr(.td(.text(entry.name)), .td(.text(entry.value?.display ?? "—")),
                               .td(entry.isWaiting ? .strong(.text("待核实")) : .text(entry.status.label)), .td(.text(entry.source)))
                       })))))
    }
}
