import Foundation
import JiujinbanRules
import Plot

/// The card simulator's pages (development and tests only): the demonstration people, and the confirmation.
enum CardSimulatorPage {
    static func render(_ people: [CardSimulator.Person], ticket: String, context: PageContext) -> HTML {
        PageShell.render(title: "电子社保卡扫码模拟器（仅开发环境）", context: context, content: [
            .p(.class("lead"), .text("选择一位演示人员，模拟其用电子社保卡扫描登录页二维码并确认。签名使用开发密钥，生产环境不存在此页面。")),
            .table(.class("data-table"),
                   .thead(.tr(.th("姓名"), .th("身份证号"), .th("账号"), .th("操作"))),
                   .tbody(.forEach(people) { person in
                       .tr(.td(.text(person.name)), .td(.class("code"), .text(person.maskedID)), .td(.text(person.accounts)),
                           .td(.form(.method(.post), .action(SiteURL.cardSimulatorScan.path),
                                     .input(.type(.hidden), .name("ticket"), .value(ticket)),
                                     .input(.type(.hidden), .name("person_id"), .value(person.id.uuidString)),
                                     .button(.type(.submit), .class("button primary"), .text("扫码并确认")))))
                   })),
        ])
    }

    static func confirmed(name: String, context: PageContext) -> HTML {
        PageShell.render(title: "已模拟扫码确认", context: context, content: [
            .p(.text("已以“\(name)”的身份确认登录。请回到登录页面，页面将自动进入系统。")),
        ])
    }
}
