/// Which postings' search text holds each character and each pair of neighbouring characters (the bigrams Chinese
/// full-text search is built on), so that a keyword search reads only the postings holding the keyword's rarest pair
/// instead of all of them; each candidate is then confirmed against its whole text. Employer names share words such
/// as 有限公司, so a single character is often common where a pair of them is not.
///
/// A posting whose text changes is listed under its new characters too; it stays under its old ones, which only adds a
/// candidate the confirmation turns away. Slots are listed in ascending order.
struct CharacterIndex: Sendable {
    private var slots: [UInt64: [Int32]] = [:]

    /// A single character's key has the top bit set; a pair's is the two characters side by side (below 2^53).
    private static func key(_ scalar: Unicode.Scalar) -> UInt64 { 1 << 63 | UInt64(scalar.value) }
    private static func key(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 { UInt64(first.value) << 32 | UInt64(second.value) }

    mutating func add(_ slot: Int32, text: String) {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            slots[Self.key(scalar), default: []].insertOnce(slot)
            if let previous { slots[Self.key(previous, scalar), default: []].insertOnce(slot) }
            previous = scalar
        }
    }

    /// Every slot whose text may hold all of `terms`, in ascending order: the shortest list of any of their pairs
    /// (of their characters, for a term of one character).
    func candidates(for terms: [String]) -> [Int32] {
        var shortest: [Int32]?
        func consider(_ key: UInt64) {
            let list = slots[key] ?? []
            if list.count < shortest?.count ?? .max { shortest = list }
        }
        for term in terms {
            let scalars = Array(term.unicodeScalars)
            if scalars.count == 1 { consider(Self.key(scalars[0])) }
            for (first, second) in zip(scalars, scalars.dropFirst()) { consider(Self.key(first, second)) }
        }
        return shortest ?? []
    }
}

extension Array where Element == Int32 {
    /// Inserts `value` into this ascending list unless it is there; new slots arrive in order, so this is an append.
    mutating func insertOnce(_ value: Int32) {
        if let last, last < value { append(value); return }
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        if low < count, self[low] == value { return }
        insert(value, at: low)
    }
}
