import Foundation

/// Identifiers that sort in the order they were made, laid out as RFC 9562's version 7: 48 bits of Unix time in
/// milliseconds, the version, a 12-bit counter within the millisecond, the variant, and 62 random bits.
///
/// Why: a table keyed by a random UUID takes each new row at a random place in its index, so a bulk load of a
/// million people (and their fifteen million contribution rows, keyed by the person first) touches pages all over the
/// index and the database file. Ids made in order are appended at the index's end, where its pages are already in
/// memory. Both databases compare UUIDs byte by byte, so the order holds in SQLite's blobs and PostgreSQL's `uuid`.
/// An id made this way tells roughly when its record was made; the record shows that anyway.
public struct TimeOrderedUUIDs: Sendable {
    private var lastMilliseconds: UInt64 = 0
    private var counter: UInt16 = 0

    public init() {}

    /// The next id: later than every id this generator made before, even if the clock went back.
    public mutating func next(at date: Date, using random: inout some RandomNumberGenerator) -> UUID {
        var milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        if milliseconds <= lastMilliseconds {
            milliseconds = lastMilliseconds
            counter += 1
            if counter > 0x0FFF {
                milliseconds += 1
                counter = 0
            }
        } else {
            counter = 0
        }
        lastMilliseconds = milliseconds
        let tail = random.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: tail >> 56) & 0x3F
        for index in 9..<16 { bytes[index] = UInt8(truncatingIfNeeded: tail >> (8 * (15 - index))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
