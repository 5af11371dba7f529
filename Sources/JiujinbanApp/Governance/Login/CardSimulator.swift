import Fluent
import Foundation
import JiujinbanRules
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
        return HTMLResponse.make(CardSimulatorPage.render(people, ticket: ticket, context: PageContext(req)))
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
        return HTMLResponse.make(CardSimulatorPage.confirmed(name: person.name, context: PageContext(req)))
    }
}
