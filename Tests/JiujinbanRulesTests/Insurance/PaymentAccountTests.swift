import JiujinbanRules
import Testing

@Suite("发放账户 of a pension claim (items 34, 35)")
struct PaymentAccountTests {
    @Test("an account is 8 to 32 digits, spaces dropped; the bank is required; each problem names its field; shown masked")
    func paymentAccount() throws {
        let account = try PaymentAccount.parse(bank: " 芮城农商银行 ", account: "6228 4800 1234 5678").get()
        #expect(account == PaymentAccount(bank: "芮城农商银行", account: "6228480012345678"))
        #expect(account.masked == "芮城农商银行 6228********5678")
        #expect(PaymentAccount.parse(bank: "某银行", account: "12345678").parsed?.account == "12345678")
        #expect(PaymentAccount.parse(bank: "某银行", account: String(repeating: "9", count: 32)).parsed != nil)
        #expect(PaymentAccount.parse(bank: "某银行", account: "1234567").problems == [.accountLength(digits: 7)])
        #expect(PaymentAccount.parse(bank: "某银行", account: String(repeating: "9", count: 33)).problems == [.accountLength(digits: 33)])
        #expect(PaymentAccount.parse(bank: "", account: "6228-4800-1234").problems == [.bankMissing, .accountNotDigits])
        #expect(PaymentAccount.parse(bank: String(repeating: "银", count: 61), account: "").problems == [.bankTooLong(characters: 61), .accountMissing])
        #expect(PaymentAccount.Problem.accountLength(digits: 7).field == "bank_account")
        #expect(PaymentAccount.Problem.accountLength(digits: 7).message == "银行账号应为8至32位数字，现为7位，请按存折或银行卡核对")
        #expect(PaymentAccount.Problem.bankMissing.field == "bank")
    }
}

private extension Result where Success == PaymentAccount, Failure == PaymentAccount.Problems {
    var parsed: PaymentAccount? { if case .success(let account) = self { account } else { nil } }
    var problems: [PaymentAccount.Problem]? { if case .failure(let problems) = self { problems.all } else { nil } }
}
