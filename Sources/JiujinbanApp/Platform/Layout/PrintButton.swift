import Plot

/// The 打印 button of a printable page (受理回执, 一次性告知单, 申请表): it opens the browser's print dialog
/// (`static/site.js`); it is not printed itself, and the hint beside it says how to print without JavaScript.
enum PrintButton {
    static func node(_ label: String = "打印") -> Node<HTML.BodyContext> {
        .div(.class("actions no-print"),
             .button(.type(.button), .class("button primary"), .data(named: "print", value: "page"), .text(label)),
             .span(.class("hint"), .text(" 也可按 Ctrl+P 打印（A4 纵向）")))
    }
}
