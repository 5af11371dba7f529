/// A small deterministic random generator (SplitMix64), so demonstration and benchmark data are the same on every
/// machine and every run for the same seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeds from text, e.g. a division code, with FNV-1a (stable across processes, unlike `hashValue`).
    public init(seedText: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seedText.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        state = hash
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Splits whole figures (area, population) among parts in proportion to weights, so that the parts add up to the
/// total exactly (largest-remainder method): a county's townships must sum to the county's figure.
public enum ProportionalSplit {
    public static func split(_ total: Int, weights: [Int]) -> [Int] {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 > 0 }, "weights must be positive")
        let sum = weights.reduce(0, +)
        var shares = weights.map { total * $0 / sum }
        let remainders = weights.enumerated().map { (index: $0.offset, rest: total * $0.element % sum) }
        let missing = total - shares.reduce(0, +)
        for entry in remainders.sorted(by: { ($0.rest, -$0.index) > ($1.rest, -$1.index) }).prefix(missing) {
            shares[entry.index] += 1
        }
        return shares
    }
}
