import Foundation

/// 发放账户: the bank and account a resident pension is paid into, as the counter takes them with a claim (items 34,
/// 35). The account is the same 8 to 32 digits the exchange's payment files carry (docs/insurance-exchange.md); the
/// spaces a passbook prints between groups of digits are dropped, anything else that is not a digit is refused.
public struct PaymentAccount: Sendable, Equatable {
    public let bank: String
    /// Digits only. Personal data: stored sealed and shown masked (`masked`).
    public let account: String

    public static let bankMaxLength = 60
    public static let accountLength = 8...32

    /// The bank and the account's first and last four digits: `芮城农商银行 6228********5678`.
    public var masked: String { bank + " " + Masking.maskedCardNumber(account) }

    /// A problem of the two fields, with the form field it belongs to (`bank`, `bank_account`).
    public enum Problem: Error, Sendable, Equatable {
        case bankMissing
        case bankTooLong(characters: Int)
        case accountMissing
        case accountNotDigits
        case accountLength(digits: Int)

        public var field: String {
            switch self {
            case .bankMissing, .bankTooLong: "bank"
            case .accountMissing, .accountNotDigits, .accountLength: "bank_account"
            }
        }

        public var message: String {
            switch self {
            case .bankMissing: "请填写发放银行（开户银行名称，如“芮城农商银行”）"
            case .bankTooLong(let count): "发放银行不能超过\(PaymentAccount.bankMaxLength)个字（现为\(count)个字）"
            case .accountMissing: "请填写银行账号（8至32位数字）"
            case .accountNotDigits: "银行账号只能由数字组成（8至32位），请按存折或银行卡核对"
            case .accountLength(let digits): "银行账号应为8至32位数字，现为\(digits)位，请按存折或银行卡核对"
            }
        }
    }

    /// Every problem of the two fields, in the order of the form.
    public struct Problems: Error, Sendable, Equatable {
        public let all: [Problem]
    }

    /// The two fields as typed; every problem, each naming its field.
    public static func parse(bank: String, account: String) -> Result<PaymentAccount, Problems> {
        var problems: [Problem] = []
        let bank = bank.trimmingCharacters(in: .whitespacesAndNewlines)
        if bank.isEmpty { problems.append(.bankMissing) }
        else if bank.count > bankMaxLength { problems.append(.bankTooLong(characters: bank.count)) }
        let digits = String(account.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" })
        if digits.isEmpty { problems.append(.accountMissing) }
        else if !digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { problems.append(.accountNotDigits) }
        else if !accountLength.contains(digits.count) { problems.append(.accountLength(digits: digits.count)) }
        return problems.isEmpty ? .success(PaymentAccount(bank: bank, account: digits)) : .failure(Problems(all: problems))
    }

    public init(bank: String, account: String) {
        self.bank = bank
        self.account = account
    }
}
