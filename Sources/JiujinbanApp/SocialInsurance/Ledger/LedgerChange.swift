import Foundation
import JiujinbanRules

/// One change a case makes to a person's ledger (the person is the case's), in the ledger's own terms. Each change
/// is one outbound exchange record: the core system confirms or rejects it as a whole.
enum LedgerChange: Sendable, Equatable {
    /// 参保登记: the enrolment in its scheme, inserted or replaced; its status goes into the status history.
    case enrolment(Enrolment)
    /// A new status of an existing enrolment (暂停缴费, 参保缴费 again on resumption, 终止).
    case enrolmentStatus(scheme: InsuranceScheme, Status<EnrolmentStatus>)
    /// Contribution years of one scheme (正常 or 补缴), each inserted or replaced by year and type.
    case contributions(scheme: InsuranceScheme, [Contribution])
    /// 待遇核定: the entitlement in its scheme with its monthly composition, inserted or replaced, and the account a
    /// claim gives it (待遇发放账户, replacing the scheme's; none from a claim accepted before the form asked for one).
    case entitlement(Entitlement, account: EntitlementAccounts.Given? = nil)
    /// A new status of an existing entitlement (暂停, 终止, 正常 again).
    case entitlementStatus(scheme: InsuranceScheme, Status<EntitlementStatus>)

    typealias Enrolment = EnrolmentRecord
    typealias Contribution = ContributionRecord
    typealias Entitlement = EntitlementRecord

    struct Status<Value: RawRepresentable & Sendable & Equatable>: Sendable, Equatable where Value.RawValue == String {
        var status: Value
        var on: CalendarDate
        var reason: String?
    }

    var scheme: InsuranceScheme {
        switch self {
        case .enrolment(let row): row.scheme
        case .enrolmentStatus(let scheme, _), .contributions(let scheme, _), .entitlementStatus(let scheme, _): scheme
        case .entitlement(let row, _): row.scheme
        }
    }

    /// The exchange file kind the change is sent as.
    var kind: ExchangeKind {
        switch self {
        case .enrolment, .enrolmentStatus: .enrolments
        case .contributions: .contributions
        case .entitlement, .entitlementStatus: .entitlements
        }
    }
}

/// A cell of a ledger row as a before- or after-image keeps it: JSON's string, number or null.
enum LedgerCell: Codable, Sendable, Equatable {
    case text(String)
    case number(Int64)
    case null

    init(_ text: String?) { self = text.map(LedgerCell.text) ?? .null }
    init(_ number: Int64?) { self = number.map(LedgerCell.number) ?? .null }
    init(_ number: Int?) { self = number.map { .number(Int64($0)) } ?? .null }

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() { self = .null }
        else if let number = try? value.decode(Int64.self) { self = .number(number) }
        else { self = .text(try value.decode(String.self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var value = encoder.singleValueContainer()
        switch self {
        case .text(let text): try value.encode(text)
        case .number(let number): try value.encode(number)
        case .null: try value.encodeNil()
        }
    }

    /// The cell as an exchange file writes it: amounts (`_fen`) as 元, flags as 是/否.
    var text: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .null: ""
        }
    }
}
