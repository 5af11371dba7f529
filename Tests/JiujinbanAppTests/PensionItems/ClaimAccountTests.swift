import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// The account a new entitlement is paid into (items 34, 35): typed with the claim or kept from the ledger, written
/// sealed with the entitlement at approval (M0062), used by `payments run` before the latest payment's, and shown
/// masked everywhere. Today is 2026-11-25: a claim's first month is 2026-12.
@Suite("发放账户 of a pension claim: given or kept, paid into by the run, never shown in full")
struct ClaimAccountTests {
    static let typed = "6230123412345678901"
    static let ledgerAccount = "6228480012345678"

    /// A 71-year-old (by default) drawing the basic pension (200 元, last paid in November into 芮城农商银行 6228480012345678, unless
    /// `paid` is false) with 15 supplementary years and a 9,000 元 supplementary account: item 35 gives 75 + 20 = 95 元.
    func claimant(_ fixture: PensionLedgerFixture, birth: String = "19550301", paid: Bool = true) async throws -> UUID {
        let citizen = try await fixture.person(birth: birth, sequence: 51)
        try await fixture.enrol(citizen, .residentBasic)
        try await fixture.contribute(citizen, .residentBasic, years: 2010...2015)
        try await fixture.enrol(citizen, .residentSupplementary)
        try await fixture.contribute(citizen, .residentSupplementary, years: 2006...2020, kind: "补缴")
        try await fixture.account(citizen, .residentSupplementary, year: 2025, closingFen: 900_000)
        try await fixture.entitlement(citizen, .residentBasic, monthlyFen: 20_000)
        if paid { try await fixture.payment(citizen, .residentBasic, month: "2026-11", amountFen: 20_000, account: Self.ledgerAccount) }
        return citizen
    }

    /// The county's ledger is the test's own: the demonstration beneficiaries would be paid by the same run.
    func emptyLedger(_ app: Application) async throws {
        for table in ["insurance_payments", "insurance_entitlement_statuses", "insurance_entitlements"] {
            try await (app.db as! any SQLDatabase).raw("DELETE FROM \(ident: table)").run()
        }
    }

    func entitlementAccount(_ citizen: UUID, _ app: Application) async throws -> (bank: String, account: String, sealed: String)? {
        guard let row = try await (app.db as! any SQLDatabase).raw("""
            SELECT bank, account_sealed FROM insurance_entitlement_accounts WHERE citizen_id = \(bind: citizen) AND scheme = 'resident_supplementary'
            """).first() else { return nil }
        let sealed = try row.decode(column: "account_sealed", as: String.self)
        return (try row.decode(column: "bank", as: String.self),
                try app.jiujinban.cipher.open(sealed, context: LedgerCrypto.bankAccountContext), sealed)
    }

    /// The run for December: each line's bank, account, amount and scheme.
    func runDecember(_ app: Application) async throws -> [String] {
        let directory = try PaymentRunTests.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("december.csv")
        _ = try await PaymentRunTests.run(app, month: "2026-12", out: out)
        return try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return [cells[5], cells[6], cells[7], cells[8]].joined(separator: "|")
        }
    }

    @Test("a claim with a new account, approved, is paid into it by the run; the basic pension still into its latest payment's; shown masked only")
    func newAccountPaid() async throws {
        try await TestApp.run { app in
            try await emptyLedger(app)
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let citizen = try await claimant(fixture)
            let (status, created, _) = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            #expect(try await entitlementAccount(citizen, app) == nil, "written only at approval")
            #expect(try await fixture.approve(id, as: reviewer).0 == .seeOther)
            let stored = try #require(try await entitlementAccount(citizen, app))
            #expect(stored.bank == "芮城县农村信用社" && stored.account == Self.typed && !stored.sealed.contains(Self.typed))

            #expect(try await runDecember(app) == ["芮城农商银行|\(Self.ledgerAccount)|20000|resident_basic",
                                                   "芮城县农村信用社|\(Self.typed)|9500|resident_supplementary"])

            let masked = "芮城县农村信用社 " + Masking.maskedCardNumber(Self.typed)
            #expect(masked == "芮城县农村信用社 6230***********8901")
            let path = "/cases/\(id.uuidString.lowercased())"
            let page = try await app.getPage(reviewer, path).1
            let receipt = try await app.getPage(fixture.village, path + "/receipt").1
            let payments = try await app.getPage(fixture.village, "/insurance/payments/\(citizen.uuidString.lowercased())").1
            #expect(page.contains(masked) && receipt.contains("发放账户：" + masked))
            #expect(payments.contains(Masking.maskedCardNumber(Self.typed)))
            let sql = app.db as! any SQLDatabase
            let audit = try await sql.raw("SELECT action, object_id, detail FROM audit_log").all().map { row in
                [try row.decode(column: "action", as: String.self), try row.decode(column: "object_id", as: String?.self) ?? "",
                 try row.decode(column: "detail", as: String?.self) ?? ""].joined(separator: " ")
            }.joined(separator: "\n")
            let outbound = try await sql.raw("SELECT payload, ledger_images FROM insurance_outbound").all().map { row in
                try row.decode(column: "payload", as: String.self) + (try row.decode(column: "ledger_images", as: String?.self) ?? "")
            }.joined()
            #expect(audit.contains("insurance.payments.run") && !outbound.isEmpty)
            for (name, text) in [("case page", page), ("receipt", receipt), ("payments page", payments), ("audit", audit), ("outbound", outbound)] {
                #expect(!text.contains(Self.typed) && !text.contains("6230 1234 1234 5678 901"), "\(name) shows the account in full")
            }
        }
    }

    @Test("keeping the ledger's account: offered on the receipt masked, copied to the new entitlement at approval, paid into by the run")
    func keptAccountPaid() async throws {
        try await TestApp.run { app in
            try await emptyLedger(app)
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await claimant(fixture)
            let (status, created, _) = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, [("keep_account", "yes")])
            #expect(status == .seeOther)
            let id = try #require(created)
            let receipt = try await app.getPage(fixture.village, "/cases/\(id.uuidString.lowercased())/receipt").1
            #expect(receipt.contains("发放账户：沿用台账中已有的发放账户（芮城农商银行 6228********5678）"))
            #expect(try await fixture.approve(id, as: try await app.session(as: .reviewer)).0 == .seeOther)
            let stored = try #require(try await entitlementAccount(citizen, app))
            #expect(stored.bank == "芮城农商银行" && stored.account == Self.ledgerAccount)
            #expect(try await runDecember(app) == ["芮城农商银行|\(Self.ledgerAccount)|20000|resident_basic",
                                                   "芮城农商银行|\(Self.ledgerAccount)|9500|resident_supplementary"])
        }
    }

    @Test("a bad or missing account, or keeping one the ledger does not have, is refused naming the field; nothing is written")
    func refused() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await claimant(fixture)
            let neverPaid = try await claimant(fixture, birth: "19560301", paid: false)
            let cases = try await CaseRecord.query(on: app.db).count()
            let item = SupplementaryPensionClaimItem.seq
            let none = try await fixture.accept(citizen, item: item)
            #expect(none.0 == .unprocessableEntity && none.2.contains("请填写发放银行") && none.2.contains("请填写银行账号（8至32位数字）")
                    && none.2.contains("也可勾选“沿用台账中已有的发放账户”"))
            let letters = try await fixture.accept(citizen, item: item, [("bank", ""), ("bank_account", "6228-4800-1234")])
            #expect(letters.0 == .unprocessableEntity && letters.2.contains("请填写发放银行（开户银行名称")
                    && letters.2.contains("银行账号只能由数字组成（8至32位）"))
            let short = try await fixture.accept(citizen, item: item, [("bank", "芮城农商银行"), ("bank_account", "1234567")])
            #expect(short.0 == .unprocessableEntity && short.2.contains("银行账号应为8至32位数字，现为7位"))
            let both = try await fixture.accept(citizen, item: item, [("keep_account", "yes")] + PensionLedgerFixture.newAccount)
            #expect(both.0 == .unprocessableEntity && both.2.contains("已勾选沿用台账中已有的发放账户，请不要再填写发放银行和银行账号"))
            let nothingToKeep = try await fixture.accept(neverPaid, item: item, [("keep_account", "yes")])
            #expect(nothingToKeep.0 == .unprocessableEntity && nothingToKeep.2.contains("台账中没有该群众的发放账户"))
            #expect(try await CaseRecord.query(on: app.db).count() == cases, "nothing written")
            #expect(try await fixture.count("insurance_entitlement_accounts") == 0)
            #expect(try await fixture.count("case_computations") == 0)
        }
    }
}
