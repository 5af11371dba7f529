/// The personal account brought forward from the last year the ledger closed (结息) to a later year's end, for a
/// pension claim (items 34, 35) and for the year-end close itself (`jiujinban insurance close-year`).
///
/// Under `PersonalAccount`'s convention each complete year earns the rate of that year on its opening balance and
/// its credits are added at the year's end. Money is credited in the year it **arrived** (a back payment for 2018
/// that arrived in 2026 earns interest from 2027, not from 2019). Credits of years after `throughYear` (the year
/// still running when a claim is made) are added without interest. A rate is asked for only for a year that opens
/// with money in the account: a first year needs none.
public enum AccountRollForward {
    /// The last year the ledger holds for the account and its closing balance, with what each year the ledger holds
    /// credited (`insurance_accounts.credited_fen`), so money recorded as arrived in a year after it was closed is
    /// found and credited in the first open year instead of being lost.
    public struct Closed: Sendable, Equatable {
        public let year: Int
        public let closingFen: Int
        public let creditedByYear: [Int: Int]

        public init(year: Int, closingFen: Int, creditedByYear: [Int: Int] = [:]) {
            self.year = year
            self.closingFen = closingFen
            self.creditedByYear = creditedByYear
        }
    }

    public struct Result: Sendable, Equatable {
        /// Where the roll started: the ledger's last closed year, or nil when the ledger holds none.
        public let from: Closed?
        /// Each complete year brought forward, with its interest.
        public let lines: [PersonalAccount.Line]
        /// The credits of years after `throughYear`, by year, added without interest.
        public let laterCredits: [(year: Int, fen: Int)]
        /// Money that arrived in a closed year but was recorded after that year was closed (more arrived in the year
        /// than the year credited); credited in the first open year.
        public let lateFen: Int
        public let balanceFen: Int

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.from == rhs.from && lhs.lines == rhs.lines && lhs.balanceFen == rhs.balanceFen && lhs.lateFen == rhs.lateFen
                && lhs.laterCredits.map(\.year) == rhs.laterCredits.map(\.year) && lhs.laterCredits.map(\.fen) == rhs.laterCredits.map(\.fen)
        }
    }

    /// - Parameters:
    ///   - closed: the latest closed year of the account in the ledger, if any; credits of years up to it are in it.
    ///   - creditsByYear: what arrived in each year (the person's contribution, subsidies, collective aid), in fen.
    ///   - throughYear: the last year whose interest is credited.
    ///   - rate: the 记账利率 of a year in basis points (the caller records where it came from; 0 when unknown).
    public static func balance(closed: Closed?, creditsByYear: [Int: Int], throughYear: Int, rate: (Int) -> Int) -> Result {
        var balance = closed?.closingFen ?? 0
        var open = creditsByYear.filter { closed == nil || $0.key > closed!.year }
        var late = 0
        if let closed {
            // Only the years the ledger holds are compared: money of earlier years is in the first year's opening.
            late = closed.creditedByYear.reduce(0) { $0 + max(0, (creditsByYear[$1.key] ?? 0) - $1.value) }
            if late > 0 { open[closed.year + 1, default: 0] += late }
        }
        var lines: [PersonalAccount.Line] = []
        if let first = closed.map({ $0.year + 1 }) ?? open.keys.min(), first <= throughYear {
            for year in first...throughYear {
                let credits = open[year] ?? 0
                let line = PersonalAccount.Line.closing(year, openingFen: balance, rateBasisPoints: balance > 0 ? rate(year) : 0,
                                                        creditsFen: credits)
                lines.append(line)
                balance = line.closingFen
            }
        }
        let later = open.filter { $0.key > throughYear }.sorted { $0.key < $1.key }.map { (year: $0.key, fen: $0.value) }
        return Result(from: closed, lines: lines, laterCredits: later, lateFen: late, balanceFen: balance + later.reduce(0) { $0 + $1.fen })
    }
}
