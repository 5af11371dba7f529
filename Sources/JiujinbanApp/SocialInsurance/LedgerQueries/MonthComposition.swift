import Fluent
import Foundation
import JiujinbanRules

/// Item 36's 当前月待遇项目组成: each entitlement's amount for the month as the payment run pays it
/// (`MonthlyRerating`: the awarded parts brought up to the dated figures in force, the 出口补 by the month's age
/// band), not the amount as awarded, so the page and the bank batch never disagree.
enum MonthComposition {
    static func amounts(_ ledger: InsuranceLedgerView, born: CalendarDate?, month: PensionMonth,
                        on db: any Database) async throws -> [InsuranceScheme: MonthlyRerating.Amount] {
        var amounts: [InsuranceScheme: MonthlyRerating.Amount] = [:]
        var books: [DivisionCode: PolicyFigureBook] = [:]
        for entitlement in ledger.entitlements {
            guard let start = PensionMonth(entitlement.startMonth) else { continue }
            let county = entitlement.county
            if books[county] == nil { books[county] = try await PolicyFigureBook.load(on: db, county: county) }
            let composition = MonthlyRerating.Composition(
                centralFen: entitlement.basicCentralFen, provincialFen: entitlement.basicProvincialFen, countyFen: entitlement.basicCountyFen,
                extraFen: entitlement.basicExtraFen, accountFen: entitlement.accountFen, exitSubsidyFen: entitlement.exitSubsidyFen,
                collectiveExitFen: entitlement.collectiveExitFen)
            amounts[entitlement.scheme] = MonthlyRerating.amount(
                scheme: entitlement.scheme.rawValue, storedFen: entitlement.monthlyFen, composition: composition, start: start, born: born,
                awardedUnder: entitlement.figureIDs, figures: MonthlyRerating.MonthFigures(book: books[county]!, month: month, county: county))
        }
        return amounts
    }
}
