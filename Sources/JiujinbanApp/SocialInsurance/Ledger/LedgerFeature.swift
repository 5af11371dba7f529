import Fluent
import Vapor

/// 参保台账: the ledger's tables and its import command; the items that read and change it (28–37) come with
/// their own modules, the pages with them.
enum LedgerFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] { [M0040CreateInsuranceLedger(), M0041MarkImportedCitizens(), M0042CreateOutboundExchange(), M0052AddOutboundImages()] }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "insurance", InsuranceCommand())]
    }
}
