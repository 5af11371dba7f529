import Foundation

/// 待遇调整: the amount an entitlement pays for one month under the dated policy figures.
///
/// An entitlement keeps the composition it was awarded with (`PensionEntitlement`, or a core system's import) and the
/// ids of the figure rows it was computed from (`figure_ids`). The parts set by figures follow the figures: the basic
/// pension's central, provincial and county parts take the figure in force on the month's first day when that row is
/// not the row of the same key the entitlement was awarded under (a figure ended and succeeded: the months before the
/// successor's first day pay as awarded, those after pay the successor; an entitlement awarded under the successor
/// already has it and is not re-rated again); the supplementary 出口补 follows the person's age band in the month
/// (`SupplementaryBenefit.band`) and its figure the same way (from the 80th birthday, the other band's figure). A part
/// whose key none of the entitlement's ids names (an entitlement imported without figure ids, or naming another
/// system's rows) keeps the date rule instead: it follows the figure when that row began after the entitlement's
/// first day (the award read its figures on that day, so an earlier row is already in the composition).
/// The personal-account part, the 长缴多得 part and the 集体出口补 (a village collective's, whatever the core system or
/// the claim awarded) stay as awarded. A figure that would change a part but is 待核实 (or has no value) is not paid:
/// the part stays as awarded, and the figure is named as waiting for confirmation.
///
/// A composition that does not add up to the stored monthly amount (an import that gave only the total) is paid as
/// stored: without its parts there is nothing to replace.
public enum MonthlyRerating {
    /// The awarded monthly composition, in fen.
    public struct Composition: Sendable, Equatable {
        public var centralFen: Int64
        public var provincialFen: Int64
        public var countyFen: Int64
        public var extraFen: Int64
        public var accountFen: Int64
        public var exitSubsidyFen: Int64
        /// 集体出口补: never re-rated by a figure.
        public var collectiveExitFen: Int64

        public init(centralFen: Int64 = 0, provincialFen: Int64 = 0, countyFen: Int64 = 0, extraFen: Int64 = 0, accountFen: Int64 = 0,
                    exitSubsidyFen: Int64 = 0, collectiveExitFen: Int64 = 0) {
            self.centralFen = centralFen
            self.provincialFen = provincialFen
            self.countyFen = countyFen
            self.extraFen = extraFen
            self.accountFen = accountFen
            self.exitSubsidyFen = exitSubsidyFen
            self.collectiveExitFen = collectiveExitFen
        }

        var sum: Int64 { centralFen + provincialFen + countyFen + extraFen + accountFen + exitSubsidyFen + collectiveExitFen }
    }

    /// One figure as in force on the month's first day: its row, the day that row began, its value and whether it
    /// is confirmed.
    public struct InForce: Sendable, Equatable {
        public let key: PolicyFigureKey
        public let rowID: UUID
        public let validFrom: CalendarDate
        public let fen: Int64?
        public let confirmed: Bool

        public init(key: PolicyFigureKey, rowID: UUID, validFrom: CalendarDate, fen: Int64?, confirmed: Bool) {
            self.key = key
            self.rowID = rowID
            self.validFrom = validFrom
            self.fen = fen
            self.confirmed = confirmed
        }
    }

    /// The figures of one month and county, resolved once for a whole run (60,000 entitlements read no figure each).
    public struct MonthFigures: Sendable, Equatable {
        public let month: PensionMonth
        public let inForce: [PolicyFigureKey: InForce]
        /// Every row of the keys above, by its id as `figure_ids` writes it (lowercased): what an award's ids name.
        let rowsByID: [String: Row]

        struct Row: Sendable, Equatable {
            let key: PolicyFigureKey
            let id: UUID
        }

        public static let keys: [PolicyFigureKey] = [.centralBasicPension, .provincialBasicPension, .countyBasicPension,
                                                     .supplementaryExit65to79, .supplementaryExit80]

        public init(book: PolicyFigureBook, month: PensionMonth, county: DivisionCode) {
            self.month = month
            var inForce: [PolicyFigureKey: InForce] = [:]
            for key in Self.keys {
                guard let use = book.resolve(key, on: month.firstDay, county: county).use, let row = book.row(id: use.rowID) else { continue }
                var fen: Int64?
                if case .amount(let amount)? = use.value { fen = Int64(amount) }
                inForce[key] = InForce(key: key, rowID: row.id, validFrom: row.validFrom, fen: fen,
                                       confirmed: use.status == .confirmed && fen != nil)
            }
            self.inForce = inForce
            var rowsByID: [String: Row] = [:]
            for row in book.rows where Self.keys.contains(row.key) { rowsByID[row.id.uuidString.lowercased()] = Row(key: row.key, id: row.id) }
            self.rowsByID = rowsByID
        }

        /// The row of each key an award's `figureIDs` name, among this book's rows (ids of other rows are left out).
        func awardedRows(_ figureIDs: [String]) -> [PolicyFigureKey: UUID] {
            var awarded: [PolicyFigureKey: UUID] = [:]
            for id in figureIDs {
                if let row = rowsByID[id.lowercased()] { awarded[row.key] = row.id }
            }
            return awarded
        }
    }

    /// The month's amount, whether it differs from the stored one, and the figures that would change it but wait.
    public struct Amount: Sendable, Equatable {
        public let fen: Int64
        public let storedFen: Int64
        public let waiting: [PolicyFigureKey]
        /// The month's parts; nil when the entitlement is paid its stored total (no composition, or one that does not
        /// add up to it).
        public var parts: Composition? = nil

        public var isRerated: Bool { fen != storedFen }
    }

    /// The month's amount of an entitlement of `scheme` that started in `start`, awarded `composition` adding up to
    /// `storedFen` under the figure rows `awardedUnder` (its `figure_ids`; a key they do not name: the date rule), for
    /// a person born on `born` (needed for the supplementary band).
    public static func amount(scheme: String, storedFen: Int64, composition: Composition?, start: PensionMonth, born: CalendarDate?,
                              awardedUnder figureIDs: [String] = [], figures: MonthFigures) -> Amount {
        guard var parts = composition, parts.sum == storedFen else { return Amount(fen: storedFen, storedFen: storedFen, waiting: []) }
        var waiting: [PolicyFigureKey] = []
        /// The part's figure when the figure applies to this entitlement, or the part as awarded (noting a wait).
        func follow(_ key: PolicyFigureKey, awarded: Int64, applies: (InForce) -> Bool) -> Int64 {
            guard let figure = figures.inForce[key], applies(figure), figure.fen != awarded else { return awarded }
            guard figure.confirmed, let fen = figure.fen else {
                waiting.append(key)
                return awarded
            }
            return fen
        }
        let awarded = figures.awardedRows(figureIDs)
        let changedSinceAward = { (figure: InForce) in
            awarded[figure.key].map { $0 != figure.rowID } ?? (figure.validFrom > start.firstDay)
        }
        switch scheme {
        case InsuranceScheme.residentBasic.rawValue:
            parts.centralFen = follow(.centralBasicPension, awarded: parts.centralFen, applies: changedSinceAward)
            parts.provincialFen = follow(.provincialBasicPension, awarded: parts.provincialFen, applies: changedSinceAward)
            parts.countyFen = follow(.countyBasicPension, awarded: parts.countyFen, applies: changedSinceAward)
        case InsuranceScheme.residentSupplementary.rawValue:
            guard let born else { break }
            let band = SupplementaryBenefit.band(born: born, month: figures.month)
            let bandChanged = band != SupplementaryBenefit.band(born: born, month: start)
            parts.exitSubsidyFen = follow(band == .eightyAndOver ? .supplementaryExit80 : .supplementaryExit65to79,
                                          awarded: parts.exitSubsidyFen, applies: { bandChanged || changedSinceAward($0) })
        default:
            break
        }
        return Amount(fen: parts.sum, storedFen: storedFen, waiting: waiting, parts: parts)
    }
}
