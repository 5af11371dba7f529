import Fluent
import Foundation
import JiujinbanRules

/// 待遇核定 at a claim's approval: the entitlement (正常) from the claim's first month, with its monthly composition, the
/// ids of the figures it was computed with and the payment account the claim gives (`PensionClaimAccount.given`),
/// written through the ledger writer (`LedgerChanges`), which keeps the before-images and sends the change to the
/// core system.
enum PensionEntitlement {
    static func grant(_ scheme: InsuranceScheme, benefit: MonthlyBenefit, result: PensionClaimComputation, account: EntitlementAccounts.Given?,
                      effect: CaseEffect, on db: any Database) async throws {
        guard let county = result.county?.ancestor(atDepth: 2) else {
            throw PublicError(.conflict, "不能审核通过：参保登记没有参保县，无法核定待遇")
        }
        func part(_ name: String) -> Int64 { Int64(benefit.parts.first { $0.name == name }?.amountFen ?? 0) }
        func basicPart(_ name: String) -> Int64 {
            Int64(benefit.parts.first { $0.name == BasicBenefit.basicPension }?.parts.first { $0.name == name }?.amountFen ?? 0)
        }
        let entitlement = LedgerChange.Entitlement(
            scheme: scheme, county: county, startMonth: result.startMonth.description, monthlyFen: Int64(benefit.totalFen),
            basicCentralFen: basicPart("中央基础养老金"), basicProvincialFen: basicPart("省级基础养老金"),
            basicCountyFen: basicPart("县级基础养老金"), basicExtraFen: basicPart("长缴多得加发"),
            accountFen: part(scheme == .residentSupplementary ? SupplementaryBenefit.accountPension : BasicBenefit.accountPension),
            exitSubsidyFen: part(SupplementaryBenefit.exitSubsidy), collectiveExitFen: part(SupplementaryBenefit.collectiveExitSubsidy),
            figureIDs: result.reading.entries.compactMap { $0.rowID?.uuidString.lowercased() },
            status: .paying, statusDate: result.startMonth.firstDay, statusReason: "第\(effect.caseNumber)号办件核定")
        try await LedgerChanges.apply(.entitlement(entitlement, account: account), for: effect, on: db)
    }
}
