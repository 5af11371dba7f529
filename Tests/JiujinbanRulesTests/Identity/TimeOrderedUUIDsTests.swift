import Foundation
@testable import JiujinbanRules
import Testing

@Suite("time-ordered UUIDs (version 7 layout): in order of making, within and across milliseconds")
struct TimeOrderedUUIDsTests {
    /// Bytes as a bank would compare them: the order SQLite's blobs and PostgreSQL's uuid use.
    static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    @Test("version 7 and the RFC variant; the first six bytes are the milliseconds, big-endian")
    func layout() {
        var ids = TimeOrderedUUIDs()
        var random = SystemRandomNumberGenerator()
        let id = ids.next(at: Date(timeIntervalSince1970: 1_765_000_000.123), using: &random)
        let bytes = Self.bytes(id)
        #expect(bytes[6] >> 4 == 7 && bytes[8] >> 6 == 0b10)
        #expect(bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == 1_765_000_000_123)
        #expect(id.uuidString.lowercased().split(separator: "-")[2].hasPrefix("7"))
    }

    @Test("many in the same millisecond, a clock that goes back, the counter's overflow: every id sorts after the one before")
    func order() {
        var ids = TimeOrderedUUIDs()
        var random = SystemRandomNumberGenerator()
        let now = Date(timeIntervalSince1970: 1_765_000_000)
        var made = (0..<5_000).map { _ in ids.next(at: now, using: &random) }
        made.append(ids.next(at: now.addingTimeInterval(-10), using: &random))
        made.append(ids.next(at: now.addingTimeInterval(1), using: &random))
        let ordered = zip(made, made.dropFirst()).allSatisfy { Self.bytes($0).lexicographicallyPrecedes(Self.bytes($1)) }
        #expect(ordered)
        #expect(Set(made).count == made.count)
    }
}
