import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3: the payment account a pension claim gives its entitlement (items 34, 35) reaches the core
/// system in the outbound file (version 2: bank, the full account number, kept or not), stays sealed everywhere
/// else, and a rejection of the entitlement takes the account back with it: removed, or the one it replaced put
/// back, in the acknowledgement file's one transaction.
@Suite("发放账户 to the core system: exported with the claim's entitlement, undone with its rejection")
struct ClaimAccountExchangeTests {
    static let typed = ClaimAccountTests.typed
    static let previous = "6217000011112222"

    /// The entitlement lines of the export, and the export's lines.
    static func entitlementLines(_ app: Application) async throws -> [[String: String]] {
        try await CoreExchangeTests.export(app).lines.filter { $0["kind"] == "entitlements" }
    }

    static func stored(_ citizen: UUID, _ scheme: InsuranceScheme, _ app: Application) async throws -> EntitlementAccounts.Stored? {
        try await EntitlementAccounts.stored(citizen: citizen, scheme: scheme.rawValue, on: app.db as! any SQLDatabase)
    }

    static func opened(_ stored: EntitlementAccounts.Stored?, _ app: Application) throws -> String? {
        try stored.map { try app.jiujinban.cipher.open($0.accountSealed, context: LedgerCrypto.bankAccountContext) }
    }

    /// Every text cell of every table holding `digits`, as `table.column` (the database in full, either kind).
    static func cellsHolding(_ digits: String, _ app: Application) async throws -> [String] {
        let sql = app.db as! any SQLDatabase
        let tables = sql.dialect.name == "sqlite"
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
            : try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "table_name", as: String.self) }
        var found: [String] = []
        for table in tables {
            for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                for column in row.allColumns where (try? row.decode(column: column, as: String?.self))??.contains(digits) == true {
                    found.append("\(table).\(column)")
                }
            }
        }
        return found
    }

    static func reject(_ line: [String: String]?, _ app: Application, reason: String = "发放账户与核心系统记录不符") async throws -> String {
        let id = try #require(line?["record_id"])
        return try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),rejected,\(reason)\n")
    }

    /// An item-35 claim (`ClaimAccountTests.claimant`: drawing the basic pension, last paid into 芮城农商银行
    /// 6228480012345678) accepted with `account` and approved: the citizen and the case.
    static func approvedSupplementaryClaim(_ app: Application, _ account: [(String, String)] = PensionLedgerFixture.newAccount,
                                           before approving: (PensionLedgerFixture, UUID, UUID) async throws -> Void = { _, _, _ in })
        async throws -> (citizen: UUID, caseID: UUID)
    {
        let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
        let citizen = try await ClaimAccountTests().claimant(fixture)
        let (status, created, _) = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, account)
        #expect(status == .seeOther)
        let id = try #require(created)
        try await approving(fixture, citizen, id)
        #expect(try await fixture.approve(id, as: try await app.session(as: .reviewer)).0 == .seeOther)
        return (citizen, id)
    }

    @Test("item 34 with a typed account: the export's entitlement line carries the bank and the digits; nowhere else holds them in the clear")
    func typedAccountExported() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await PensionClaimItemsTests().claimant(fixture)
            let (status, created, _) = try await fixture.accept(citizen, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            try await PensionClaimItemsTests().confirmBasicFigures(app)
            #expect(try await fixture.approve(id, as: try await app.session(as: .reviewer)).0 == .seeOther)
            let stored = try #require(try await Self.stored(citizen, .residentBasic, app))
            #expect(try stored.bank == "芮城县农村信用社" && stored.caseID == id && Self.opened(stored, app) == Self.typed)
            #expect(try await Self.cellsHolding(Self.typed, app).isEmpty, "the account is sealed wherever the platform keeps it")
            // The scan reads the tables that keep the account: the bank beside it is in the clear there.
            #expect(Set(try await Self.cellsHolding("芮城县农村信用社", app))
                .isSuperset(of: ["insurance_entitlement_accounts.bank", "insurance_outbound.payload", "insurance_outbound.ledger_images"]))

            let lines = try await Self.entitlementLines(app)
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            let number = try #require(try await CaseRecord.find(id, on: app.db)).number
            #expect(line["format_version"] == "2" && line["case_number"] == number && line["scheme"] == "resident_basic")
            #expect(line["bank"] == "芮城县农村信用社" && line["account"] == Self.typed && line["account_kept"] == "否")
            #expect(line["status"] == "正常" && line["start_month"] == "2026-12")
            #expect(try await Self.cellsHolding(Self.typed, app).isEmpty, "exporting writes the digits into the file only")
            #expect(try await Self.opened(Self.stored(citizen, .residentBasic, app), app) == Self.typed)
        }
    }

    @Test("item 35 keeping the ledger's account: the line carries that account, marked kept")
    func keptAccountExported() async throws {
        try await TestApp.run { app in
            let (citizen, _) = try await Self.approvedSupplementaryClaim(app, [("keep_account", "yes")])
            let line = try #require(try await Self.entitlementLines(app).first)
            #expect(line["scheme"] == "resident_supplementary" && line["monthly"] == "95.00")
            #expect(line["bank"] == "芮城农商银行" && line["account"] == ClaimAccountTests.ledgerAccount && line["account_kept"] == "是")
            #expect(try await Self.opened(Self.stored(citizen, .residentSupplementary, app), app) == ClaimAccountTests.ledgerAccount)
        }
    }

    @Test("a rejection removes the entitlement and the account it gave, audited on the person, and returns the case")
    func rejectionRemovesAccount() async throws {
        try await TestApp.run { app in
            let (citizen, id) = try await Self.approvedSupplementaryClaim(app)
            let before = try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app)
            #expect(try await Self.stored(citizen, .residentSupplementary, app) != nil)
            let line = try await Self.entitlementLines(app).first
            #expect(try await Self.reject(line, app) == "已读取核心系统答复：确认 0 条，退回 1 条（已撤销台账变更并退回办件），此前已答复未改变 0 条")
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == nil)
            let after = try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app)
            #expect(after.count == before.count - 1 && after.allSatisfy { !$0.contains("resident_supplementary") })
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            #expect(record.state == "core_returned" && record.decisionReason == "发放账户与核心系统记录不符")
            #expect(try await auditedObjects("insurance.entitlement_account_reversed", on: app)
                == [AuditedObject(citizen.uuidString, "核心系统退回待遇核定（办件\(record.number)）：城乡居民补充养老保险待遇发放账户已删除")])
        }
    }

    @Test("a rejection of a claim that replaced the scheme's account puts the earlier account back exactly, with the earlier entitlement")
    func rejectionRestoresPrevious() async throws {
        try await TestApp.run { app in
            var earlier: EntitlementAccounts.Stored?
            var ledger: [String] = []
            let (citizen, _) = try await Self.approvedSupplementaryClaim(app) { fixture, citizen, _ in
                // An earlier supplementary pension, ended, with the account it was paid into.
                try await fixture.entitlement(citizen, .residentSupplementary, monthlyFen: 9_000, status: "终止")
                let account = EntitlementAccounts.Stored(
                    bank: "中国邮政储蓄银行芮城县支行", accountSealed: try app.jiujinban.cipher.seal(Self.previous, context: LedgerCrypto.bankAccountContext),
                    caseID: nil, updatedAtMs: 1_700_000_000_000)
                try await EntitlementAccounts.put(account, citizen: citizen, scheme: "resident_supplementary", on: app.db as! any SQLDatabase)
                earlier = account
                ledger = try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app)
            }
            let replaced = try #require(try await Self.stored(citizen, .residentSupplementary, app))
            #expect(try Self.opened(replaced, app) == Self.typed)
            let line = try await Self.entitlementLines(app).first
            #expect(line?["account"] == Self.typed && line?["account_kept"] == "否")
            _ = try await Self.reject(line, app)
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == earlier)
            #expect(try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app) == ledger)
            #expect(try await auditedObjects("insurance.entitlement_account_reversed", on: app).map(\.detail)
                .allSatisfy { $0.hasSuffix("城乡居民补充养老保险待遇发放账户已恢复为本次申领前的账户") })
        }
    }

    @Test("a claim accepted before the form asked for an account sends none, and its rejection touches no account")
    func claimWithoutAccount() async throws {
        try await TestApp.run { app in
            let (citizen, _) = try await Self.approvedSupplementaryClaim(app) { _, _, id in
                // The case's form as it was stored before the account fields existed.
                let record = try #require(try await CaseRecord.find(id, on: app.db))
                let cipher = app.jiujinban.cipher
                var form = try #require(try JSONSerialization.jsonObject(
                    with: Data(try cipher.open(record.formSealed, context: CaseRecord.formContext).utf8)) as? [String: Any])
                for key in ["keep_account", "new_bank", "new_bank_account", "payment_account"] { form[key] = nil }
                record.formSealed = try cipher.seal(String(decoding: try JSONSerialization.data(withJSONObject: form), as: UTF8.self),
                                                    context: CaseRecord.formContext)
                try await record.save(on: app.db)
            }
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == nil)
            let line = try #require(try await Self.entitlementLines(app).first)
            #expect(line["monthly"] == "95.00" && line["bank"] == "" && line["account"] == "" && line["account_kept"] == "")
            _ = try await Self.reject(line, app)
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == nil)
            #expect(try await auditedObjects("insurance.entitlement_account_reversed", on: app).isEmpty)
        }
    }

    @Test("an account a later case changed since cannot be undone: the rejection is refused naming the line, nothing is written")
    func accountChangedSince() async throws {
        try await TestApp.run { app in
            let (citizen, id) = try await Self.approvedSupplementaryClaim(app)
            let line = try await Self.entitlementLines(app).first
            let later = EntitlementAccounts.Stored(
                bank: "芮城农商银行", accountSealed: try app.jiujinban.cipher.seal(Self.previous, context: LedgerCrypto.bankAccountContext),
                caseID: nil, updatedAtMs: 1_800_000_000_000)
            try await EntitlementAccounts.put(later, citizen: citizen, scheme: "resident_supplementary", on: app.db as! any SQLDatabase)
            let entitlements = try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app)
            do {
                _ = try await Self.reject(line, app)
                Issue.record("a rejection that cannot be undone was accepted")
            } catch let error as PublicError {
                #expect(error.reason.contains("第2行 result：台账记录在此后已被其他办件更改，不能自动撤销，请人工核对后处理"))
            }
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == later)
            #expect(try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app) == entitlements)
            #expect(try await CaseRecord.find(id, on: app.db)?.state == "approved")
        }
    }

    @Test("a file with a bad line beside the rejection is refused: the entitlement, its account and the case stay as they were")
    func badFileWritesNothing() async throws {
        try await TestApp.run { app in
            let (citizen, id) = try await Self.approvedSupplementaryClaim(app)
            let line = try await Self.entitlementLines(app).first
            let record = try #require(line?["record_id"])
            let entitlements = try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app)
            let account = try await Self.stored(citizen, .residentSupplementary, app)
            let unknown = UUID().uuidString.lowercased()
            do {
                _ = try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(record),rejected,账号有误\n1,\(unknown),confirmed,\n")
                Issue.record("a file with errors was accepted")
            } catch let error as PublicError {
                #expect(error.reason.contains("第3行 record_id：没有编号为\(unknown)的交换记录"))
            }
            #expect(try await CoreExchangeTests.state(record, app) == "sent")
            #expect(try await Self.stored(citizen, .residentSupplementary, app) == account && account != nil)
            #expect(try await LedgerChangesTests.snapshot("insurance_entitlements", citizen, app) == entitlements)
            #expect(try await CaseRecord.find(id, on: app.db)?.state == "approved")
            #expect(try await auditedObjects("insurance.entitlement_account_reversed", on: app).isEmpty)
            #expect(try await auditCount("insurance.import_acknowledgements", result: "failed", on: app) == 1)
        }
    }
}
