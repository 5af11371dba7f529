import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 扫码模拟器 — development and tests only: plays the phone with the electronic social-security card. Choose a
/// demonstration person; the simulator signs an assertion with the development key and delivers it through the
/// same verification path as the real card platform. In production these routes are never registered.
enum CardSimulator {
    static func register(_ app: Application) {
        app.get(.cardSimulatorScan, .anonymous, use: page)
        app.post(.cardSimulatorScan, .anonymous, use: scan)
    }

    struct Person: Sendable {
        let id: UUID
        let name: String
        let maskedID: String
        let accounts: String
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let ticket = (try? req.query.get(String.self, at: "ticket")) ?? ""
        var people: [Person] = []
        // In the order of DemoStaff.members, so scripts and people find the same person in the same row.
        for member in DemoStaff.members {
            let index = req.jiujinban.cipher.blindIndex(member.idNumber, context: StaffCrypto.idNumberContext)
            guard let person = try await StaffPerson.query(on: req.db).filter(\.$idNumberIndex == index).first(),
                  person.isDemo, let id = person.id else { continue }
            let idNumber = try req.jiujinban.cipher.open(person.idNumberSealed, context: StaffCrypto.idNumberContext)
            var labels: [String] = []
            for account in try await StaffDirectory.liveAccounts(ofPerson: id, on: req.db) {
                labels.append("\(account.post.label)（\(try await StaffDirectory.unitName(account.unit, on: req.db))）")
            }
            people.append(Person(id: id, name: person.name, maskedID: Masking.maskedIDNumber(idNumber),
                                 accounts: labels.joined(separator: "；")))
        }
        let html = PageShell.render(title: "电子社保卡扫码模拟器（仅开发环境）", context: PageContext(req), content: [
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
        return HTMLResponse.make(html)
    }

    struct ScanForm: Content {
        var ticket: String?
        var person_id: String?
    }

    @Sendable static func scan(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ScanForm.self)
        guard let signingKey = req.jiujinban.keys.simulatorKey,
              let personID = form.person_id.flatMap(UUID.init(uuidString:)),
              let person = try await StaffPerson.find(personID, on: req.db), person.isDemo else {
            throw PublicError(.badRequest, "请选择一位演示人员")
        }
        let idNumber = try req.jiujinban.cipher.open(person.idNumberSealed, context: StaffCrypto.idNumberContext)
        let assertion = try CardLoginAssertion(ticket: form.ticket ?? "", idNumber: idNumber, name: person.name,
                                               issuedAt: req.jiujinban.clock.now(), nonce: SessionToken.generate())
        let wire = try CardAssertionSigner(privateKey: signingKey).sign(assertion)
        try await CardCallback.accept(wire.encoded(), on: req)
        let html = PageShell.render(title: "已模拟扫码确认", context: PageContext(req), content: [
            .p(.text("已以“\(person.name)”的身份确认登录。请回到登录页面，页面将自动进入系统。")),
        ])
        return HTMLResponse.make(html)
    }
}
