import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// A person's whole ledger as plain values, for the contribution query (item 33) and the payment records (item 36):
/// enrolments with their status histories, contributions by year, the personal account by year, entitlements with
/// their composition and histories, payments with the bank account masked. Amounts in fen.
package struct InsuranceLedgerView: Sendable, Equatable {
    struct StatusChange: Sendable, Equatable {
        let status: String
        let effectiveOn: String
        let reason: String?
    }

    /// The enrolment as stored (`EnrolmentRecord`, its fields read as the view's) and its status history.
    @dynamicMemberLookup
    struct Enrolment: Sendable, Equatable {
        let record: EnrolmentRecord
        var history: [StatusChange]

        subscript<Value>(dynamicMember field: KeyPath<EnrolmentRecord, Value>) -> Value { record[keyPath: field] }
    }

    /// A year's contribution in its scheme (`ContributionRecord`).
    @dynamicMemberLookup
    package struct Contribution: Sendable, Equatable {
        let scheme: InsuranceScheme
        let record: ContributionRecord

        package subscript<Value>(dynamicMember field: KeyPath<ContributionRecord, Value>) -> Value { record[keyPath: field] }
    }

    struct AccountYear: Sendable, Equatable {
        let scheme: InsuranceScheme
        let year: Int
        let openingFen: Int64
        let creditedFen: Int64
        let interestFen: Int64
        let closingFen: Int64
    }

    /// The entitlement as stored (`EntitlementRecord`) and its status history.
    @dynamicMemberLookup
    struct Entitlement: Sendable, Equatable {
        let record: EntitlementRecord
        var history: [StatusChange]

        subscript<Value>(dynamicMember field: KeyPath<EntitlementRecord, Value>) -> Value { record[keyPath: field] }
    }

    struct Payment: Sendable, Equatable {
        let scheme: InsuranceScheme
        let month: String
        let amountFen: Int64
        let bank: String
        /// First four and last four digits (`Masking.maskedCardNumber`).
        let maskedAccount: String
        /// 成功 or 失败 from the bank's return; nil while the batch waits for it (`PaymentBatch.pendingResult`).
        let result: PaymentResult?
        let failureReason: String?

        var resultText: String { result?.rawValue ?? PaymentBatch.pendingResult }
    }

    var enrolments: [Enrolment] = []
    package var contributions: [Contribution] = []
    var accounts: [AccountYear] = []
    var entitlements: [Entitlement] = []
    var payments: [Payment] = []

    func enrolment(_ scheme: InsuranceScheme) -> Enrolment? { enrolments.first { $0.scheme == scheme } }
    func entitlement(_ scheme: InsuranceScheme) -> Entitlement? { entitlements.first { $0.scheme == scheme } }
}

package enum InsuranceLedger {
    /// The ledger of `citizen` in one query: a union of the seven tables' rows of the person, each read by its primary
    /// key's first column, shaped alike (a part tag, six texts, eight numbers).
    package static func view(of citizen: UUID, cipher: PersonalDataCipher, on db: any Database) async throws -> InsuranceLedgerView {
        try await read(citizen, openingPaymentsWith: cipher, on: db)
    }

    /// The ledger without the payments and their sealed bank accounts (what a pension claim reads): no key needed.
    static func viewWithoutPayments(of citizen: UUID, on db: any Database) async throws -> InsuranceLedgerView {
        try await read(citizen, openingPaymentsWith: nil, on: db)
    }

    private static func read(_ citizen: UUID, openingPaymentsWith cipher: PersonalDataCipher?, on db: any Database) async throws
        -> InsuranceLedgerView {
        let t = "CAST(NULL AS TEXT)", n = "CAST(NULL AS BIGINT)"
        let branches = [
            "SELECT 'a' AS part, scheme, county_code AS t1, start_kind AS t2, enrolled_on AS t3, status AS t4, status_date AS t5, status_reason AS t6, grade_yuan AS n1, \(n) AS n2, \(n) AS n3, \(n) AS n4, \(n) AS n5, \(n) AS n6, \(n) AS n7, \(n) AS n8 FROM insurance_enrolments WHERE citizen_id = $ID",
            "SELECT 'b', scheme, status, effective_on, reason, \(t), \(t), \(t), recorded_at_ms, \(n), \(n), \(n), \(n), \(n), \(n), \(n) FROM insurance_enrolment_statuses WHERE citizen_id = $ID",
            "SELECT 'c', scheme, kind, arrived_on, \(t), \(t), \(t), \(t), year, grade_yuan, personal_fen, subsidy_fen, collective_fen, arrived, \(n), \(n) FROM insurance_contributions WHERE citizen_id = $ID",
            "SELECT 'd', scheme, \(t), \(t), \(t), \(t), \(t), \(t), year, opening_fen, credited_fen, interest_fen, closing_fen, \(n), \(n), \(n) FROM insurance_accounts WHERE citizen_id = $ID",
            "SELECT 'e', scheme, county_code, start_month, figure_ids, status, status_date, status_reason, monthly_fen, basic_central_fen, basic_provincial_fen, basic_county_fen, basic_extra_fen, account_fen, exit_subsidy_fen, collective_exit_fen FROM insurance_entitlements WHERE citizen_id = $ID",
            "SELECT 'f', scheme, status, effective_on, reason, \(t), \(t), \(t), recorded_at_ms, \(n), \(n), \(n), \(n), \(n), \(n), \(n) FROM insurance_entitlement_statuses WHERE citizen_id = $ID",
            "SELECT 'g', scheme, month, bank, account_sealed, result, failure_reason, \(t), amount_fen, \(n), \(n), \(n), \(n), \(n), \(n), \(n) FROM insurance_payments WHERE citizen_id = $ID",
        ].dropLast(cipher == nil ? 1 : 0)
        // One bind per branch: SQLKit numbers the placeholders for each database.
        var query = SQLQueryString("")
        for (index, branch) in branches.enumerated() {
            let parts = branch.components(separatedBy: "$ID")
            query.appendLiteral((index == 0 ? "" : " UNION ALL ") + parts[0])
            query.appendInterpolation(bind: citizen)
            query.appendLiteral(parts[1])
        }
        query.appendLiteral(" ORDER BY part, scheme, n1")
        let rows = try await (db as! any SQLDatabase).raw(query).all()
        var view = InsuranceLedgerView()
        var enrolmentHistory: [InsuranceScheme: [InsuranceLedgerView.StatusChange]] = [:]
        var entitlementHistory: [InsuranceScheme: [InsuranceLedgerView.StatusChange]] = [:]
        for row in rows {
            let text = { (column: String) throws -> String? in try row.decode(column: column, as: String?.self) }
            let number = { (column: String) throws -> Int64? in try row.decode(column: column, as: Int64?.self) }
            let part = try row.decode(column: "part", as: String.self)
            // A stored value the ledger's own types do not know is a damaged ledger, not something to show as empty.
            func stored<Value>(_ value: Value?, _ column: String) throws -> Value {
                guard let value else {
                    throw PublicError(.internalServerError, "参保台账数据有误（\(part)：\(column)），请联系系统管理员核查")
                }
                return value
            }
            let scheme = try stored(InsuranceScheme(rawValue: try row.decode(column: "scheme", as: String.self)), "scheme")
            let date = { (column: String) throws -> CalendarDate in try stored(try text(column).flatMap(CalendarDate.init(iso:)), column) }
            switch part {
            case "a":
                view.enrolments.append(.init(record: EnrolmentRecord(
                    scheme: scheme, county: try stored(try text("t1").flatMap { try? DivisionCode($0) }, "county_code"),
                    startKind: try text("t2").flatMap(SchemeStartKind.init(rawValue:)), grade: try number("n1").map(Int.init),
                    enrolledOn: try date("t3"), status: try stored(try text("t4").flatMap(EnrolmentStatus.init(rawValue:)), "status"),
                    statusDate: try date("t5"), statusReason: try text("t6")), history: []))
            case "b", "f":
                let change = InsuranceLedgerView.StatusChange(status: try text("t1") ?? "", effectiveOn: try text("t2") ?? "", reason: try text("t3"))
                if part == "b" { enrolmentHistory[scheme, default: []].append(change) } else { entitlementHistory[scheme, default: []].append(change) }
            case "c":
                view.contributions.append(.init(scheme: scheme, record: ContributionRecord(
                    year: Int(try stored(try number("n1"), "year")), kind: try stored(try text("t1").flatMap(ContributionKind.init(rawValue:)), "kind"),
                    grade: try number("n2").map(Int.init), personalFen: try number("n3") ?? 0, subsidyFen: try number("n4") ?? 0,
                    collectiveFen: try number("n5") ?? 0, arrived: try number("n6") == 1, arrivedOn: try text("t2").flatMap(CalendarDate.init(iso:)))))
            case "d":
                view.accounts.append(.init(scheme: scheme, year: Int(try number("n1") ?? 0), openingFen: try number("n2") ?? 0,
                                           creditedFen: try number("n3") ?? 0, interestFen: try number("n4") ?? 0, closingFen: try number("n5") ?? 0))
            case "e":
                view.entitlements.append(.init(record: EntitlementRecord(
                    scheme: scheme, county: try stored(try text("t1").flatMap { try? DivisionCode($0) }, "county_code"),
                    startMonth: try text("t2") ?? "", monthlyFen: try number("n1") ?? 0, basicCentralFen: try number("n2") ?? 0,
                    basicProvincialFen: try number("n3") ?? 0, basicCountyFen: try number("n4") ?? 0, basicExtraFen: try number("n5") ?? 0,
                    accountFen: try number("n6") ?? 0, exitSubsidyFen: try number("n7") ?? 0,
                    collectiveExitFen: try number("n8") ?? 0, figureIDs: EntitlementRecord.figureIDs(try text("t3")),
                    status: try stored(try text("t4").flatMap(EntitlementStatus.init(rawValue:)), "status"), statusDate: try date("t5"),
                    statusReason: try text("t6")), history: []))
            case "g":
                guard let cipher else { break }
                let account = try cipher.open(try text("t3") ?? "", context: LedgerCrypto.bankAccountContext)
                view.payments.append(.init(scheme: scheme, month: try text("t1") ?? "", amountFen: try number("n1") ?? 0, bank: try text("t2") ?? "",
                                           maskedAccount: Masking.maskedCardNumber(account),
                                           result: try paymentResult(try text("t4"), stored),
                                           failureReason: try text("t5")))
            default: break
            }
        }
        for index in view.enrolments.indices {
            view.enrolments[index].history = (enrolmentHistory[view.enrolments[index].scheme] ?? []).sorted { $0.effectiveOn < $1.effectiveOn }
        }
        for index in view.entitlements.indices {
            view.entitlements[index].history = (entitlementHistory[view.entitlements[index].scheme] ?? []).sorted { $0.effectiveOn < $1.effectiveOn }
        }
        view.payments.sort { ($0.month, $0.scheme.rawValue) > ($1.month, $1.scheme.rawValue) }
        return view
    }

    /// A payment's stored result: 成功, 失败, or 待回盘 (nil) while the bank has not answered.
    private static func paymentResult(_ text: String?, _ stored: (PaymentResult?, String) throws -> PaymentResult) throws -> PaymentResult? {
        text == PaymentBatch.pendingResult ? nil : try stored(text.flatMap(PaymentResult.init(rawValue:)), "result")
    }
}
