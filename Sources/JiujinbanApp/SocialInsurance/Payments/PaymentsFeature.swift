import Fluent
import Vapor

/// 待遇发放: with no core system connected the ledger is authoritative, and the county pays its resident pensions
/// from it: `jiujinban payments run` (the month's batch and the bank's file) and `payments import-return` (the
/// bank's results). The payment records themselves are the ledger's (`insurance_payments`, item 36 shows them).
enum PaymentsFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] { [M0058CreatePaymentBatches(), M0062CreateEntitlementAccounts()] }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "payments", PaymentsCommand())]
    }
}
