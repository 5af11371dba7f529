import JiujinbanRules
import Plot

extension CasePage {
    /// At the top of a returned case the point may act on: what happened and where to act, above the fold.
    static func coreReturnNotice() -> Node<HTML.BodyContext> {
        .p(.class("notice notice-warn"),
           .text("本办件被省级社保核心系统退回，对参保台账的变更已撤销。请按下方退回原因核对后"),
           .a(.href("#case-actions"), .text("重新提交或终止办理")), .text("。"))
    }

    /// 核心系统退回: what the point does next. The change was undone; if the reason is gone (the core system's or the
    /// ledger's data corrected, the person's papers completed) it submits the case again, which applies the change
    /// anew and sends it to the core system again; if what was accepted was wrong it closes the case with its reason
    /// and accepts a new one with the right values.
    static func coreReturnSteps(_ view: CaseView, context: PageContext) -> Node<HTML.BodyContext> {
        let actions = view.actions
        func form(_ confirm: String, _ content: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
            decisionForm(view, confirm, content, context: context)
        }
        return .group(
            .div(.class("notice notice-warn next-steps"),
                 .p(.text("省级社保核心系统退回了本办件对参保台账的变更，变更已撤销。请按退回原因处理：")),
                 .ol(.li(.text("原因已消除的（核心系统或台账信息已更正、群众已补齐材料），重新提交：本办件重新生效"
                               + "（需审核的事项重新提交县级审核），并再次报送核心系统；")),
                     .li(.text("受理内容有误或不能办理的，填写理由终止办理，再为群众重新受理。")))),
            .if(actions.resubmit, form("确认已按退回原因核对无误，重新提交？",
                                       .h3("重新提交"),
                                       .div(.class("form-actions"), actionButton("resubmit", "重新提交", "button primary")))),
            .if(actions.close, form("确认终止办理办件 \(view.number)？终止后即办结，不能撤回。",
                                    .h3("终止办理"),
                                    .div(.class("field"),
                                         .label(.for("close-reason"), .text("终止办理理由（必填）")),
                                         .textarea(.name("reason"), .id("close-reason"), .text(view.typed.reason))),
                                    .div(.class("form-actions"), actionButton("close", "终止办理", "button danger")))),
            .unwrap(view.newCase) { url in
                .if(actions.close && context.mayOpen(url),
                    .p(.class("page-actions"), .a(.class("button"), .href(url.path), .text("为该群众重新受理本事项"))))
            })
    }
}
