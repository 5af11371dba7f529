import Foundation
import JiujinbanRules
import Plot

/// The form on A4 in the layout of attachment 3's 用户申请（变更）单: system name and number, contact, the requested
/// items, the applicant's signature and seal, the county's opinion, and the form's notes. Personal data stays masked
/// on paper too (S15).
enum ApplicationPrintPage {
    static func render(_ loaded: LoadedApplication, context: PageContext) -> HTML {
        let application = loaded.application
        let decision = loaded.steps.last { $0.action == "同意" || $0.action == "不同意" }
        let opinionTitle = application.flow == .operatorAccounts ? "县(市、区)人社部门意见：" : "省级人社部门意见："
        return PageShell.render(
            title: "用户申请（变更）单", context: context,
            crumbs: [Crumb(label: "用户申请（变更）单", url: .accountApplications()),
                     Crumb(label: loaded.number, url: .accountApplication(id: loaded.id)), Crumb(label: "打印", url: nil)],
            content: [
                PrintButton.node("打印申请单"),
                .article(
                    .class("print-form"),
                    .table(
                        .class("form-table"),
                        .tr(.th("系统名称"), .td(.text(AccountApplication.systemName)), .th("申请单编号"), .td(.class("code"), .text(loaded.number))),
                        .tr(.th("联系人"), .td(.text(application.request.contactName)), .th("联系方式"), .td(.class("code"), .text(loaded.maskedContactPhone))),
                        .tr(.th("申 请 事 项"), .td(
                            .attribute(named: "colspan", value: "3"),
                            .ol(.forEach(loaded.items) { item in
                                .li(.text(itemLine(item)))
                            }),
                            .div(.class("signature-row"),
                                 .span(.text("负责人签字：")),
                                 .span(.text("申请单位：\(loaded.applicantName)（盖章）"))),
                            .p(.class("date-line"), .text(dateText(loaded.filedAt)))
                        )),
                        .tr(.td(
                            .attribute(named: "colspan", value: "4"),
                            .p(.strong(.text(opinionTitle)),
                               .text(decision.map { "\($0.action)。\($0.comment ?? "")" } ?? "（尚未审核）")),
                            .div(.class("signature-row"),
                                 .span(.text("负责人签字：\(decision?.actorName ?? "")")),
                                 .span(.text(decision.map { dateText($0.at) } ?? "年    月    日")))
                        )),
                        .tr(.td(
                            .attribute(named: "colspan", value: "4"), .class("form-notes"),
                            .p(.text("备注：")),
                            .p(.text("1、申请事项主要有：新增账号、冻结账号、解锁账号、注销账号、变更账号权限等。")),
                            .p(.text("2、系统账号主要分为：系统管理员账号、业务管理员账号、业务操作员账号。")),
                            .p(.text("3、新增账号的，要注明账号使用人姓名，单位和职务，身份证号，联系方式等信息。"))
                        ))
                    ),
                    .p(.class("print-status"), .text("状态：\(application.state.label)；\(application.flow.label)"))
                ),
            ])
    }

    static func itemLine(_ item: LoadedApplication.ItemView) -> String {
        var parts = [item.kind.label, item.personName]
        if item.kind == .newAccount {
            parts.append("\(item.unitName) \(item.post?.label ?? "")")
            parts.append("身份证号 \(item.maskedIDNumber)")
            parts.append("联系方式 \(item.maskedPhone)")
        } else if let post = item.post {
            parts.append(post.label)
        }
        if !item.grants.isEmpty { parts.append("权限：" + item.grants.map(\.label).joined(separator: "、")) }
        return parts.joined(separator: "，")
    }

    /// `2026 年 11 月 29 日` in Asia/Shanghai.
    static func dateText(_ date: Date) -> String {
        let day = CalendarDate(date)
        return "\(day.year) 年 \(day.month) 月 \(day.day) 日"
    }
}
