import ConsoleKit
import Foundation
@testable import JiujinbanApp
@testable import JiujinbanTools
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Deliverable 5: the generator's ledger and Ruicheng's demonstration ledger.
@Suite("demonstration data: the generator's ledger and the demonstration people for items 28–37")
struct LedgerDataTests {
    static func count(_ sql: String, _ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self)
    }

    @Test("generate-data --ledger: enrolments, 5–20 years of contributions, beneficiaries with payments and some failures; a second run adds nothing")
    func generatorLedger() async throws {
        try await TestApp.run { app in
            let before = try await Self.count("SELECT COUNT(*) AS n FROM insurance_contributions", app)
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "--citizens", "400", "--ledger", "--seed", "5"]))
            context.application = app
            try await GenerateDataCommand().run(using: &context)
            let generated = "FROM insurance_enrolments e JOIN citizens c ON c.id = e.citizen_id WHERE c.imported_file IS NULL"
            let enrolled = try await Self.count("SELECT COUNT(*) AS n \(generated) AND e.scheme = 'resident_basic'", app)
            #expect(enrolled > 100)
            let perPerson = try await (app.db as! any SQLDatabase).raw("""
                SELECT COUNT(*) AS n FROM insurance_contributions k JOIN citizens c ON c.id = k.citizen_id
                WHERE c.imported_file IS NULL AND k.scheme = 'resident_basic' GROUP BY k.citizen_id
                """).all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(perPerson.count == enrolled)
            #expect(perPerson.allSatisfy { (1...20).contains($0) } && perPerson.filter { $0 >= 5 }.count > enrolled / 2)
            let beneficiaries = try await Self.count("SELECT COUNT(*) AS n FROM insurance_entitlements e JOIN citizens c ON c.id = e.citizen_id WHERE c.imported_file IS NULL", app)
            #expect(beneficiaries > 10)
            let failed = try await Self.count("SELECT COUNT(*) AS n FROM insurance_payments p JOIN citizens c ON c.id = p.citizen_id WHERE c.imported_file IS NULL AND p.result = '失败'", app)
            let paid = try await Self.count("SELECT COUNT(*) AS n FROM insurance_payments p JOIN citizens c ON c.id = p.citizen_id WHERE c.imported_file IS NULL", app)
            #expect(paid >= beneficiaries * 12 && failed > 0 && failed < paid / 10)
            // Every entitlement is one of the generated people, written through the ledger's store.
            let contributions = try await Self.count("SELECT COUNT(*) AS n FROM insurance_contributions", app)
            #expect(contributions > before)
            var again = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "--citizens", "400", "--ledger", "--seed", "5"]))
            again.application = app
            try await GenerateDataCommand().run(using: &again)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM insurance_contributions", app) == contributions)
        }
    }

    @Test("Ruicheng's demonstration ledger has a person for each of items 28–37, and the month's run pays its beneficiaries")
    func demonstrationLedger() async throws {
        try await TestApp.run(demoLedger: true) { app in
            let today = app.jiujinban.clock.today
            let cipher = app.jiujinban.cipher
            let teenager = try #require(try await InsuranceImportTests.citizen(DemoLedgerPeople.teenager(today: today).idNumber, app))
            #expect(today.completedYears(since: CalendarDate(iso: teenager.birthDate)!) == 16)
            #expect(try await InsuranceLedger.view(of: teenager.requireID(), cipher: cipher, on: app.db).enrolments.isEmpty)
            var views: [String: InsuranceLedgerView] = [:]
            for person in DemoLedgerPeople.ledger(today: today).people {
                let citizen = try #require(try await InsuranceImportTests.citizen(person.idNumber, app))
                views[person.name] = try await InsuranceLedger.view(of: citizen.requireID(), cipher: cipher, on: app.db)
                #expect(today.completedYears(since: person.birthDate) == ["王建军": 45, "李秀兰": 60, "薛玉梅": 66, "张桂英": 70, "赵志强": 52][person.name])
            }
            #expect(views["王建军"]?.enrolments.map(\.status) == [.contributing])
            #expect(views["李秀兰"]?.contributions.count == 15 && views["李秀兰"]?.entitlements.isEmpty == true)
            #expect(views["薛玉梅"]?.enrolments.map(\.scheme.rawValue).sorted() == ["resident_basic", "resident_supplementary"])
            #expect(views["薛玉梅"]?.entitlements.first?.status == .paying)
            #expect(views["张桂英"]?.payments.first?.result == .failed && views["张桂英"]?.payments.first?.failureReason == "账户已冻结")
            let years = Set(views["赵志强"]?.contributions.map(\.year) ?? [])
            #expect(!years.contains(2015) && !years.contains(2019) && years.contains(2014))

            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let summary = try await PaymentRunTests.run(app, month: PensionMonth(containing: today).description,
                                                        out: directory.appendingPathComponent("demo.csv"))
            #expect(summary.contains("：2 笔，合计 343.00 元"))
        }
    }
}
