import Fluent
import Vapor

/// 参保台账: the ledger's tables, its writer for the items (`LedgerChanges`) and its command (`import`, and the
/// exchange with the core system: `export-pending`, `import-acknowledgements`); the items that read and change it
/// come with their own modules, the pages with them.
enum LedgerFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] {
        [M0040CreateInsuranceLedger(), M0041MarkImportedCitizens(), M0042CreateOutboundExchange(), M0052AddOutboundImages(),
         M0063AddCollectiveExitSubsidy()]
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "insurance", InsuranceCommand())]
    }
}
