import Foundation
import JiujinbanRules
import SQLKit

/// A cell of a ledger row as the import compares and writes it.
enum LedgerValue: Equatable, Sendable {
    case text(String?)
    case number(Int64?)
    /// Personal data: written sealed, compared after opening (sealing is randomised, so sealed texts never match).
    case sealed(String)

    enum Kind: Sendable { case text, number, sealed }
}

/// A ledger table as the import sees it: the person, the rest of the natural key, the values an import may change,
/// and the status history its rows append to.
struct LedgerTable: Sendable {
    let name: String
    let keys: [(String, LedgerValue.Kind)]
    let values: [(String, LedgerValue.Kind)]
    let history: String?

    static func of(_ kind: ExchangeKind) -> LedgerTable {
        switch kind {
        case .enrolments:
            LedgerTable(name: "insurance_enrolments", keys: [("scheme", .text)],
                        values: [("county_code", .text), ("start_kind", .text), ("grade_yuan", .number), ("enrolled_on", .text),
                                 ("status", .text), ("status_date", .text), ("status_reason", .text)],
                        history: "insurance_enrolment_statuses")
        case .contributions:
            LedgerTable(name: "insurance_contributions", keys: [("scheme", .text), ("year", .number), ("kind", .text)],
                        values: [("grade_yuan", .number), ("personal_fen", .number), ("subsidy_fen", .number), ("collective_fen", .number),
                                 ("arrived", .number), ("arrived_on", .text)],
                        history: nil)
        case .entitlements:
            LedgerTable(name: "insurance_entitlements", keys: [("scheme", .text)],
                        values: [("county_code", .text), ("start_month", .text), ("monthly_fen", .number), ("basic_central_fen", .number),
                                 ("basic_provincial_fen", .number), ("basic_county_fen", .number), ("basic_extra_fen", .number),
                                 ("account_fen", .number), ("exit_subsidy_fen", .number), ("collective_exit_fen", .number),
                                 ("figure_ids", .text), ("status", .text), ("status_date", .text), ("status_reason", .text)],
                        history: "insurance_entitlement_statuses")
        case .payments:
            LedgerTable(name: "insurance_payments", keys: [("scheme", .text), ("month", .text)],
                        values: [("county_code", .text), ("amount_fen", .number), ("bank", .text), ("account_sealed", .sealed),
                                 ("result", .text), ("failure_reason", .text)],
                        history: nil)
        case .personChanges:
            // Outbound only: `ExchangeFormat.header` refuses the kind before the import asks for a table.
            preconditionFailure("人员信息变更不导入台账")
        }
    }
}

/// One row of the file as a row of its ledger table.
struct LedgerLine: Sendable {
    let citizen: UUID
    let key: [LedgerValue]
    let values: [LedgerValue]
    /// The status it states, for the history: status, effective date, reason.
    let status: (status: String, on: String, reason: String?)?

    var keyText: String { Self.keyText(citizen, key) }

    static func keyText(_ citizen: UUID, _ key: [LedgerValue]) -> String {
        key.reduce(citizen.uuidString) { text, value in
            switch value {
            case .text(let string): text + "|" + (string ?? "")
            case .number(let number): text + "|" + (number.map(String.init) ?? "")
            case .sealed(let string): text + "|" + string
            }
        }
    }

    init(_ row: ExchangeRow, citizen: UUID) {
        self.citizen = citizen
        switch row {
        case .enrolment(let row):
            key = [.text(row.scheme.rawValue)]
            values = [.text(row.county.value), .text(row.startKind?.rawValue), .number(row.grade.map(Int64.init)), .text(row.enrolledOn.iso),
                      .text(row.status.rawValue), .text(row.statusDate.iso), .text(row.statusReason)]
            status = (row.status.rawValue, row.statusDate.iso, row.statusReason)
        case .contribution(let row):
            key = [.text(row.scheme.rawValue), .number(Int64(row.year)), .text(row.kind.rawValue)]
            values = [.number(row.grade.map(Int64.init)), .number(row.personalFen), .number(row.subsidyFen), .number(row.collectiveFen),
                      .number(row.arrived ? 1 : 0), .text(row.arrivedOn?.iso)]
            status = nil
        case .entitlement(let row):
            key = [.text(row.scheme.rawValue)]
            values = [.text(row.county.value), .text(row.startMonth), .number(row.monthlyFen), .number(row.basicCentralFen),
                      .number(row.basicProvincialFen), .number(row.basicCountyFen), .number(row.basicExtraFen), .number(row.accountFen),
                      .number(row.exitSubsidyFen), .number(row.collectiveExitFen), .text(row.figureIDsText), .text(row.status.rawValue),
                      .text(row.statusDate.iso), .text(row.statusReason)]
            status = (row.status.rawValue, row.statusDate.iso, row.statusReason)
        case .payment(let row):
            key = [.text(row.scheme.rawValue), .text(row.month)]
            values = [.text(row.county.value), .number(row.amountFen), .text(row.bank), .sealed(row.account), .text(row.result.rawValue),
                      .text(row.failureReason)]
            status = nil
        }
    }
}

enum LedgerCrypto {
    static let bankAccountContext = "insurance_payments.account"
}
