import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban insurance close-year --year YYYY --county CODE --operator ACCOUNT` (年度结息): the personal accounts of
/// a county's resident pension enrolments (basic and supplementary) brought forward to the end of a finished year
/// and written to the ledger as account years (`insurance_accounts`: opening, interest, what arrived, closing), for a
/// county whose ledger is authoritative (no core system computing its accounts).
///
/// Each account starts from its latest closed year, or from its first arrived contribution when the ledger holds
/// none, and every year up to YYYY is written (`AccountRollForward`): money is credited in the year it arrived (or,
/// recorded as arrived in a year already closed, in the first open year), a year's interest is its 记账利率 on the
/// opening balance. The rates are read from the dated figures; while any year
/// needed is 待核实 the close is refused, naming the years, and nothing is written. An account already closed for
/// YYYY is left as it is, so a second run changes nothing. One transaction: the rows and the audit row.
struct YearEndClose {
    let county: DivisionCode
    let year: Int
    let operatorAccount: AccountRecord

    struct Account {
        var closed: AccountRollForward.Closed?
        /// What each account year the ledger holds credited.
        var credited: [Int: Int] = [:]
        var credits: [Int: Int] = [:]

        /// The latest closed year with what every held year credited (`AccountRollForward.Closed`).
        var latest: AccountRollForward.Closed? {
            closed.map { .init(year: $0.year, closingFen: $0.closingFen, creditedByYear: credited) }
        }
    }

    struct Outcome: Equatable {
        var accounts = 0
        var rows = 0
        var alreadyClosed = 0
        var interestFen = 0
    }

    func run(app: Application) async throws -> String {
        let services = app.jiujinban
        let today = services.clock.today
        guard year >= 1900, year < today.year else {
            throw PublicError(.badRequest, "--year：只能对已结束的年度结息（今天是\(today.iso)，最近可结息的年度是\(today.year - 1)年）")
        }
        let accounts = try await load(on: app.db as! any SQLDatabase)
        var reading = FigureReading(book: try await PolicyFigureBook.load(on: app.db, county: county),
                                    on: CalendarDate(year: year, month: 12, day: 31)!, county: county)
        var rows: [(citizen: UUID, scheme: String, line: PersonalAccount.Line)] = []
        var outcome = Outcome()
        for (key, account) in accounts.sorted(by: { ($0.key.citizen.uuidString, $0.key.scheme) < ($1.key.citizen.uuidString, $1.key.scheme) }) {
            if let closed = account.closed, closed.year >= year {
                outcome.alreadyClosed += 1
                continue
            }
            let result = AccountRollForward.balance(closed: account.latest, creditsByYear: account.credits.filter { $0.key <= year },
                                                    throughYear: year) { reading.yearlyRate(.personalAccountInterest, year: $0) ?? 0 }
            guard !result.lines.isEmpty else { continue }
            outcome.accounts += 1
            outcome.rows += result.lines.count
            outcome.interestFen += result.lines.reduce(0) { $0 + $1.interestFen }
            rows += result.lines.map { (key.citizen, key.scheme, $0) }
        }
        if !reading.waiting.isEmpty {
            throw PublicError(.conflict, "不能结息：政策参数" + reading.waiting.map(\.described).joined(separator: "、")
                              + "尚未确认，待省级业务管理员核实记账利率后再结息；本次未写入任何记录")
        }
        let summary = "\(year)年度个人账户结息（县级区划\(county.countyCode)）：结息账户 \(outcome.accounts) 个，写入年度记录 \(outcome.rows) 条，"
            + "利息合计 \(Fen.yuan(outcome.interestFen))" + (outcome.alreadyClosed > 0 ? "，已结息未改动 \(outcome.alreadyClosed) 个" : "")
        guard !rows.isEmpty else { return summary + "；本次未写入任何记录" }
        try await record(rows, summary: summary, reading: reading, services: services, app: app)
        return summary
    }

    private struct Key: Hashable {
        let citizen: UUID
        let scheme: String
    }

    /// The county's resident pension accounts: the latest closed year of each and what arrived in each year.
    private func load(on sql: any SQLDatabase) async throws -> [Key: Account] {
        let schemes = [InsuranceScheme.residentBasic.rawValue, InsuranceScheme.residentSupplementary.rawValue]
        var accounts: [Key: Account] = [:]
        for row in try await sql.raw("""
            SELECT a.citizen_id, a.scheme, a.year, a.credited_fen, a.closing_fen FROM insurance_accounts a
            JOIN insurance_enrolments e ON e.citizen_id = a.citizen_id AND e.scheme = a.scheme
            WHERE e.county_code = \(bind: county.value) AND e.scheme IN (\(binds: schemes))
            """).all() {
            let key = Key(citizen: try row.decode(column: "citizen_id", as: UUID.self), scheme: try row.decode(column: "scheme", as: String.self))
            let year = Int(try row.decode(column: "year", as: Int64.self))
            accounts[key, default: Account()].credited[year] = Int(try row.decode(column: "credited_fen", as: Int64.self))
            if accounts[key]?.closed.map({ $0.year >= year }) != true {
                accounts[key, default: Account()].closed = .init(year: year, closingFen: Int(try row.decode(column: "closing_fen", as: Int64.self)))
            }
        }
        for row in try await sql.raw("""
            SELECT c.citizen_id, c.scheme, c.year, c.arrived_on, c.personal_fen + c.subsidy_fen + c.collective_fen AS credit_fen
            FROM insurance_contributions c
            JOIN insurance_enrolments e ON e.citizen_id = c.citizen_id AND e.scheme = c.scheme
            WHERE e.county_code = \(bind: county.value) AND e.scheme IN (\(binds: schemes)) AND c.arrived = 1
            """).all() {
            let key = Key(citizen: try row.decode(column: "citizen_id", as: UUID.self), scheme: try row.decode(column: "scheme", as: String.self))
            let arrived = try row.decode(column: "arrived_on", as: String?.self).flatMap(CalendarDate.init(iso:))
            let year = try arrived?.year ?? Int(row.decode(column: "year", as: Int64.self))
            let credit = Int(try row.decode(column: "credit_fen", as: Int64.self))
            accounts[key, default: Account()].credits[year, default: 0] += credit
        }
        return accounts
    }

    /// The account years and the audit row (which names the rates read), in one transaction.
    private func record(_ rows: [(citizen: UUID, scheme: String, line: PersonalAccount.Line)], summary: String, reading: FigureReading,
                        services: PlatformServices, app: Application) async throws {
        let now = services.clock.now()
        let actor = AuditActor(userID: try operatorAccount.requireID(), role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let (county, year) = (county, year)
        let rates = reading.entries.map { $0.name + "：" + ($0.value?.display ?? "—") + "（\($0.source)）" }.joined(separator: "；")
        try await services.writer.write(on: app.db) { db in
            let sql = db as! any SQLDatabase
            // 7 columns: 4,000 rows a statement stays under SQLite's 32,766 parameters.
            for chunk in rows.chunked(4_000) {
                let insert = sql.insert(into: "insurance_accounts")
                    .columns("citizen_id", "scheme", "year", "opening_fen", "credited_fen", "interest_fen", "closing_fen")
                for row in chunk {
                    insert.values(SQLBind(row.citizen), SQLBind(row.scheme), SQLBind(Int64(row.line.year)), SQLBind(Int64(row.line.openingFen)),
                                  SQLBind(Int64(row.line.creditsFen)), SQLBind(Int64(row.line.interestFen)), SQLBind(Int64(row.line.closingFen)))
                }
                try await insert.run()
            }
            try await AuditTrail.record(AuditEvent("insurance.accounts.close", objectType: "division", objectID: county.value,
                                                   detail: "\(year)年度结息：" + summary + (rates.isEmpty ? "" : "；所用记账利率：" + rates)),
                                        by: actor, at: now, key: services.keys.auditKey, on: db)
        }
    }
}
