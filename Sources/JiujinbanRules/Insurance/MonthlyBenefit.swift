/// 待遇项目组成: a monthly pension with its parts, as the receipt of a claim and item 36's "当前月待遇项目组成明细"
/// show it (基础养老金 with its own parts, 个人账户养老金, 出口补 …).
///
/// The total is always the sum of the top-level parts, and a part with parts is the sum of them, so what the
/// receipt prints adds up by construction.
public struct MonthlyBenefit: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        /// 基础养老金, 中央基础养老金, 个人账户养老金, …
        public let name: String
        public let amountFen: Int
        /// How the amount was reached, in words (`个人账户41700.00元 ÷ 139`); empty for a figure taken as it is.
        public let basis: String
        public let parts: [Part]

        public init(name: String, amountFen: Int, basis: String = "", parts: [Part] = []) {
            self.name = name
            self.amountFen = amountFen
            self.basis = basis
            self.parts = parts
        }

        /// A part made of parts: its amount is their sum.
        public init(name: String, basis: String = "", parts: [Part]) {
            self.init(name: name, amountFen: parts.reduce(0) { $0 + $1.amountFen }, basis: basis, parts: parts)
        }
    }

    public let scheme: PensionScheme
    public let parts: [Part]
    public var totalFen: Int { parts.reduce(0) { $0 + $1.amountFen } }

    public init(scheme: PensionScheme, parts: [Part]) {
        self.scheme = scheme
        self.parts = parts
    }

    /// The amount of the top-level part named `name` (nil when there is none).
    public func amount(of name: String) -> Int? { parts.first { $0.name == name }?.amountFen }
}

/// Checks shared by the benefit computations: amounts are never negative, divisors are positive.
enum BenefitInput {
    static func amounts(_ named: [(String, Int)]) -> [PensionRefusal] {
        named.filter { $0.1 < 0 }.map { PensionRefusal.negativeAmount(field: $0.0, fen: $0.1) }
    }

    static func divisor(_ name: String, _ value: Int) -> [PensionRefusal] {
        value > 0 ? [] : [.divisorNotPositive(field: name, divisor: value)]
    }
}
