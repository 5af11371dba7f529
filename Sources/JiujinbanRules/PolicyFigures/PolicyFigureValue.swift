import Foundation

/// A figure's value, typed by its key's kind. Money is whole fen and rates whole basis points, so no computation
/// that uses a figure ever rounds a binary fraction.
public enum PolicyFigureValue: Sendable, Hashable {
    case amount(fen: Int)
    case count(Int)
    case rate(basisPoints: Int)
    case date(CalendarDate)
    case grades([Grade])

    /// One contribution grade and the government subsidy paid on it (入口补), both per year in fen.
    public struct Grade: Sendable, Hashable {
        public let contributionFen: Int
        public let subsidyFen: Int

        public init(contributionFen: Int, subsidyFen: Int) {
            self.contributionFen = contributionFen
            self.subsidyFen = subsidyFen
        }
    }

    public var kind: PolicyFigureDefinition.Kind {
        switch self {
        case .amount: .amount
        case .count: .count
        case .rate: .rate
        case .date: .date
        case .grades: .grades
        }
    }

    // MARK: stored form

    /// The text the store keeps: fen, the count, basis points, an ISO date, or `contribution:subsidy` pairs in fen.
    public var stored: String {
        switch self {
        case .amount(let fen): String(fen)
        case .count(let count): String(count)
        case .rate(let basisPoints): String(basisPoints)
        case .date(let date): date.iso
        case .grades(let grades): grades.map { "\($0.contributionFen):\($0.subsidyFen)" }.joined(separator: ",")
        }
    }

    /// Reads the stored text back; nil when it does not fit the kind (never guessed).
    public init?(stored: String, kind: PolicyFigureDefinition.Kind) {
        switch kind {
        case .amount: guard let fen = Int(stored) else { return nil }; self = .amount(fen: fen)
        case .count: guard let count = Int(stored) else { return nil }; self = .count(count)
        case .rate: guard let bp = Int(stored) else { return nil }; self = .rate(basisPoints: bp)
        case .date: guard let date = CalendarDate(iso: stored) else { return nil }; self = .date(date)
        case .grades:
            var grades: [Grade] = []
            for pair in stored.split(separator: ",") {
                let parts = pair.split(separator: ":")
                guard parts.count == 2, let c = Int(parts[0]), let s = Int(parts[1]) else { return nil }
                grades.append(Grade(contributionFen: c, subsidyFen: s))
            }
            guard !grades.isEmpty else { return nil }
            self = .grades(grades)
        }
    }

    // MARK: display and entry, in the units people write (元, %)

    /// As a page shows it: `123元`, `139`, `90%`, `2021-01-01`, `200元/补贴70元；500元/补贴120元`.
    public var display: String {
        switch self {
        case .amount(let fen): Self.yuan(fen) + "元"
        case .count(let count): String(count)
        case .rate(let bp): Self.percent(bp) + "%"
        case .date(let date): date.iso
        case .grades(let grades): grades.map { "\(Self.yuan($0.contributionFen))元/补贴\(Self.yuan($0.subsidyFen))元" }.joined(separator: "；")
        }
    }

    /// What a form field shows for this value, in the format `parse` reads.
    public var entry: String {
        switch self {
        case .amount(let fen): Self.yuan(fen)
        case .count(let count): String(count)
        case .rate(let bp): Self.percent(bp)
        case .date(let date): date.iso
        case .grades(let grades): grades.map { "\(Self.yuan($0.contributionFen))/\(Self.yuan($0.subsidyFen))" }.joined(separator: "，")
        }
    }

    /// Reads what an administrator typed for a figure of `kind`: an amount in 元 (up to two decimals), a positive
    /// whole number, a percentage (up to two decimals), a date `YYYY-MM-DD`, or grades as `缴费/补贴` pairs in 元
    /// separated by commas. The message names the problem; the caller names the field.
    public static func parse(_ raw: String, kind: PolicyFigureDefinition.Kind) -> Result<PolicyFigureValue, PolicyFigureProblem> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.init("请填写数值")) }
        switch kind {
        case .amount:
            return hundredths(text, what: "金额（元）").map { .amount(fen: $0) }
        case .rate:
            return hundredths(text, what: "比例（%）").map { .rate(basisPoints: $0) }
        case .count:
            guard let count = Int(text), count > 0 else { return .failure(.init("应为正整数，收到“\(text)”")) }
            return .success(.count(count))
        case .date:
            guard let date = CalendarDate(iso: text) else { return .failure(.init("日期格式应为YYYY-MM-DD，收到“\(text)”")) }
            return .success(.date(date))
        case .grades:
            var grades: [Grade] = []
            let pairs = text.split(whereSeparator: { ",，;；\n".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            for pair in pairs where !pair.isEmpty {
                let parts = pair.split(separator: "/").map { String($0) }
                guard parts.count == 2 else { return .failure(.init("每档应写成“缴费/补贴”（元），收到“\(pair)”")) }
                switch (hundredths(parts[0], what: "缴费档次（元）"), hundredths(parts[1], what: "补贴（元）")) {
                case (.success(let c), .success(let s)):
                    guard c > 0 else { return .failure(.init("缴费档次应大于0，收到“\(pair)”")) }
                    if let last = grades.last, last.contributionFen >= c {
                        return .failure(.init("缴费档次应从低到高排列且不重复，“\(pair)”不大于前一档"))
                    }
                    grades.append(Grade(contributionFen: c, subsidyFen: s))
                case (.failure(let problem), _), (_, .failure(let problem)):
                    return .failure(problem)
                }
            }
            return grades.isEmpty ? .failure(.init("请至少填写一档")) : .success(.grades(grades))
        }
    }

    /// A non-negative decimal with at most two places, as an integer of hundredths (元 → 分, % → basis points).
    static func hundredths(_ raw: String, what: String) -> Result<Int, PolicyFigureProblem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("-") { return .failure(.init("\(what)不能为负数，收到“\(text)”")) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole < 100_000_000,
              parts[0].allSatisfy(\.isASCII) else {
            return .failure(.init("\(what)应为数字，最多两位小数，收到“\(text)”"))
        }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int(fraction) else {
                return .failure(.init("\(what)应为数字，最多两位小数，收到“\(text)”"))
            }
            cents = fraction.count == 1 ? f * 10 : f
        }
        return .success(whole * 100 + cents)
    }

    static func yuan(_ fen: Int) -> String {
        fen % 100 == 0 ? String(fen / 100) : String(format: "%d.%02d", fen / 100, fen % 100)
    }

    static func percent(_ bp: Int) -> String {
        bp % 100 == 0 ? String(bp / 100) : String(format: "%d.%02d", bp / 100, bp % 100)
    }
}

/// Why a typed value was refused, in Chinese.
public struct PolicyFigureProblem: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
