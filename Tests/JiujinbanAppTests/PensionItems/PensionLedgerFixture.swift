import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A person registered at the village point (Ruicheng) with ledger rows written straight into the tables, as an
/// import would leave them, for the pension items' tests.
struct PensionLedgerFixture {
    static let county = "140830000000"

    let app: Application
    let village: TestSession

    /// Registers a person born on `birth` (YYYYMMDD) as the village operator; their id.
    func person(birth: String, sequence: Int = 31) async throws -> UUID {
        let idNumber = TestIdentity.idNumber(birth: birth, sequence: sequence)
        try await app.testing().test(.POST, "/citizens", headers: village.formHeaders,
                                     body: village.form(CitizenRegistryTests.registration(idNumber))) { res in #expect(res.status == .seeOther) }
        let citizens = try await CitizenRecord.query(on: app.db).all()
        let born = "\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"
        return try #require(citizens.first { $0.birthDate == born }).requireID()
    }

    func enrol(_ citizen: UUID, _ scheme: InsuranceScheme, startKind: String? = "新农保", status: String = "参保缴费",
               reason: String? = nil) async throws {
        try await (app.db as! any SQLDatabase).raw("""
            INSERT INTO insurance_enrolments (citizen_id, scheme, county_code, start_kind, grade_yuan, enrolled_on, status, status_date,
                status_reason, updated_at_ms)
            VALUES (\(bind: citizen), \(bind: scheme.rawValue), \(bind: Self.county), \(bind: startKind), \(bind: Int64(500)), '2010-07-01',
                \(bind: status), '2010-07-01', \(bind: reason), 0)
            """).run()
    }

    /// One contribution a year over `years`, 500 元 with a 60 元 subsidy (none for 补缴), arrived unless listed.
    func contribute(_ citizen: UUID, _ scheme: InsuranceScheme, years: ClosedRange<Int>, kind: String = "正常",
                    notArrived: Set<Int> = []) async throws {
        for year in years {
            let arrived = !notArrived.contains(year)
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO insurance_contributions (citizen_id, scheme, year, kind, grade_yuan, personal_fen, subsidy_fen, collective_fen,
                    arrived, arrived_on, updated_at_ms)
                VALUES (\(bind: citizen), \(bind: scheme.rawValue), \(bind: Int64(year)), \(bind: kind), \(bind: Int64(500)), \(bind: Int64(50_000)),
                    \(bind: Int64(kind == "正常" ? 6_000 : 0)), \(bind: Int64(0)), \(bind: Int64(arrived ? 1 : 0)),
                    \(bind: arrived ? "\(year)-06-30" : nil), 0)
                """).run()
        }
    }

    func account(_ citizen: UUID, _ scheme: InsuranceScheme, year: Int, closingFen: Int64) async throws {
        try await (app.db as! any SQLDatabase).raw("""
            INSERT INTO insurance_accounts (citizen_id, scheme, year, opening_fen, credited_fen, interest_fen, closing_fen)
            VALUES (\(bind: citizen), \(bind: scheme.rawValue), \(bind: Int64(year)), \(bind: closingFen - 56_000), \(bind: Int64(56_000)),
                \(bind: Int64(0)), \(bind: closingFen))
            """).run()
    }

    func entitlement(_ citizen: UUID, _ scheme: InsuranceScheme, monthlyFen: Int64, status: String = "正常") async throws {
        try await (app.db as! any SQLDatabase).raw("""
            INSERT INTO insurance_entitlements (citizen_id, scheme, county_code, start_month, monthly_fen, basic_central_fen, basic_provincial_fen,
                basic_county_fen, basic_extra_fen, account_fen, exit_subsidy_fen, figure_ids, status, status_date, status_reason, updated_at_ms)
            VALUES (\(bind: citizen), \(bind: scheme.rawValue), \(bind: Self.county), '2021-04', \(bind: monthlyFen), \(bind: Int64(14_300)),
                \(bind: Int64(0)), \(bind: Int64(0)), \(bind: Int64(0)), \(bind: monthlyFen - 14_300), \(bind: Int64(0)), NULL, \(bind: status),
                '2021-04-01', NULL, 0)
            """).run()
    }

    func payment(_ citizen: UUID, _ scheme: InsuranceScheme, month: String, amountFen: Int64, account: String, failure: String? = nil) async throws {
        let sealed = try app.jiujinban.cipher.seal(account, context: LedgerCrypto.bankAccountContext)
        try await (app.db as! any SQLDatabase).raw("""
            INSERT INTO insurance_payments (citizen_id, scheme, month, county_code, amount_fen, bank, account_sealed, result, failure_reason,
                updated_at_ms)
            VALUES (\(bind: citizen), \(bind: scheme.rawValue), \(bind: month), \(bind: Self.county), \(bind: amountFen), '芮城农商银行',
                \(bind: sealed), \(bind: failure == nil ? "成功" : "失败"), \(bind: failure), 0)
            """).run()
    }

    /// The account fields of a claim (items 34, 35) paying into a new account.
    static let newAccount = [("bank", "芮城县农村信用社"), ("bank_account", "6230 1234 1234 5678 901")]

    /// A case accepted at the counter, with `extra` fields: status and id.
    func accept(_ citizen: UUID, item: Int, documents: Bool = true, _ extra: [(String, String)] = []) async throws -> (HTTPStatus, UUID?, String) {
        var fields = [("citizen", citizen.uuidString.lowercased()), ("item", String(item)), ("submission", UUID().uuidString.lowercased())]
        if documents { fields.append(("documents_checked", "yes")) }
        fields += extra
        var result: (HTTPStatus, UUID?, String) = (.ok, nil, "")
        try await app.testing().test(.POST, "/cases", headers: village.formHeaders, body: village.form(fields)) { res in
            let location = res.headers.first(name: .location) ?? ""
            result = (res.status, UUID(uuidString: String(location.split(separator: "/").last ?? "")), res.body.string)
        }
        return result
    }

    /// The reviewer's approval: status and the page's text.
    func approve(_ id: UUID, as reviewer: TestSession) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/cases/\(id.uuidString.lowercased())/actions", headers: reviewer.formHeaders,
                                     body: reviewer.form([("action", "approve")])) { res in result = (res.status, res.body.string) }
        return result
    }

    func count(_ table: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
