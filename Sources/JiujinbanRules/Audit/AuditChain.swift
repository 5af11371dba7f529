import Crypto
import Foundation

/// An audit row as read back from the table: the entry and the two hashes stored beside it.
public struct StoredAuditRow: Hashable, Sendable {
    public var entry: AuditEntry
    /// The `hash` of the row before; 32 zero bytes for the first row.
    public var previousHash: Data
    /// HMAC-SHA256 of this row, see `AuditChain.hash(entry:previousHash:key:)`.
    public var hash: Data

    public init(entry: AuditEntry, previousHash: Data, hash: Data) {
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }

    public var sequence: Int64 { entry.sequence }

    /// This row as the head of the chain.
    public var head: AuditChainHead { AuditChainHead(sequence: entry.sequence, hash: hash) }
}

/// The last row of a chain, by sequence and hash. Kept outside the audit table, it reveals rows deleted from the
/// end, which the chain alone cannot; it also lets verification resume after an archived and purged prefix.
public struct AuditChainHead: Hashable, Sendable {
    public let sequence: Int64
    public let hash: Data

    public init(sequence: Int64, hash: Data) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// Why `AuditChain.append` refused to make a row.
public enum AuditAppendError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The entry's sequence is not the one after the head: another writer appended first, or the caller miscounted.
    case sequenceNotNext(expected: Int64, found: Int64)
    /// The head's hash is not 32 bytes or its sequence cannot be followed: the table is damaged.
    case damagedHead

    public var description: String {
        switch self {
        case .sequenceNotNext(let expected, let found):
            "audit entry has sequence \(found), but the next sequence is \(expected)"
        case .damagedHead:
            "the audit chain head is damaged; run `jiujinban audit verify`"
        }
    }
}

/// 审计哈希链: the HMAC chain over the audit table (checklist S18).
///
/// Each row's hash is `HMAC-SHA256(key, record)` with
///
///     record = formatVersion (one byte, 0x01) ‖ previousHash (32 bytes) ‖ AuditEntry.canonicalFields
///
/// The key lives outside the database, so someone who can write to the table but does not hold the key can edit,
/// delete, reorder or insert rows only in ways `AuditChainVerifier` reports.
public enum AuditChain {
    /// The layout of `record`; it is the first byte hashed, so a future layout can never collide with this one.
    public static let formatVersion: UInt8 = 1

    public static let hashByteCount = 32

    /// The previous hash of the first row: 32 zero bytes.
    public static let genesisHash = Data(repeating: 0, count: hashByteCount)

    /// The bytes that are authenticated for one row.
    public static func record(entry: AuditEntry, previousHash: Data) -> Data {
        var record = Data([formatVersion])
        record.append(previousHash)
        record.append(contentsOf: entry.canonicalFields)
        return record
    }

    /// The row's hash: HMAC-SHA256 over `record(entry:previousHash:)`. A `previousHash` that is not 32 bytes yields
    /// a hash that verification never accepts.
    public static func hash(entry: AuditEntry, previousHash: Data, key: SymmetricKey) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: record(entry: entry, previousHash: previousHash), using: key))
    }

    /// The sequence the next row must carry: 1 for an empty table, nil when the head cannot be followed.
    public static func nextSequence(after head: AuditChainHead?) -> Int64? {
        guard let head else { return 1 }
        let (next, overflow) = head.sequence.addingReportingOverflow(1)
        return overflow || next < 1 ? nil : next
    }

    /// The row that follows `head` (nil for an empty table). The caller reads the head and inserts the row in the
    /// same transaction as the change it records, so that two writers cannot both append after one head.
    public static func append(
        _ entry: AuditEntry, after head: AuditChainHead?, key: SymmetricKey
    ) throws(AuditAppendError) -> StoredAuditRow {
        guard let expected = nextSequence(after: head), (head?.hash.count ?? hashByteCount) == hashByteCount else {
            throw .damagedHead
        }
        guard entry.sequence == expected else { throw .sequenceNotNext(expected: expected, found: entry.sequence) }
        let previousHash = head?.hash ?? genesisHash
        return StoredAuditRow(entry: entry, previousHash: previousHash, hash: hash(entry: entry, previousHash: previousHash, key: key))
    }

    /// Verifies rows already in memory; for a large table, page through it with `AuditChainVerifier`.
    public static func verify(
        rows: some Sequence<StoredAuditRow>, key: SymmetricKey, anchor: AuditChainHead? = nil,
        after checkpoint: AuditChainHead? = nil
    ) -> AuditVerification {
        var verifier = AuditChainVerifier(key: key, anchor: anchor, after: checkpoint)
        for row in rows {
            guard verifier.feed(row) else { break }
        }
        return verifier.result
    }
}
