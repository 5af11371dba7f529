import Crypto
import Foundation

/// Why a row breaks the audit chain.
public enum AuditChainBreakReason: Hashable, Sendable {
    /// The row's hash does not authenticate its content: a field or the hash was edited, the row was made without
    /// the key, or the key is wrong.
    case hashMismatch
    /// The row's sequence is past the expected one: rows `expected..<sequence` were deleted.
    case sequenceGap(expected: Int64)
    /// The row's sequence is at or before one already seen: rows were reordered or a row was duplicated.
    case sequenceOutOfOrder(expected: Int64)
    /// The row does not name the hash of the row before it: rows were swapped, inserted or replaced.
    case previousHashMismatch
    /// The row at the anchor's sequence has a different hash from the anchor kept outside the table.
    case anchorMismatch
    /// The chain ends before the anchor: rows from the break's sequence up to the anchor were deleted.
    case truncated(expectedLastSequence: Int64)
    /// Verification started after a checkpoint that no purge recorded (no `AuditArchive.purgeAction` row names
    /// it): rows up to the checkpoint were deleted and the checkpoint planted to hide it.
    case unattestedCheckpoint
}

/// The first place where the chain breaks.
public struct AuditChainBreak: Hashable, Sendable, CustomStringConvertible {
    /// The stored sequence of the broken row; for `truncated`, the first missing sequence.
    public let sequence: Int64
    public let reason: AuditChainBreakReason

    public init(sequence: Int64, reason: AuditChainBreakReason) {
        self.sequence = sequence
        self.reason = reason
    }

    /// In Chinese: `audit verify` prints it to the operator.
    public var description: String {
        switch reason {
        case .hashMismatch:
            "第\(sequence)行：哈希值与内容不符（被修改、伪造，或密钥不对）"
        case .sequenceGap(let expected):
            "第\(sequence)行：应为第\(expected)行；第\(expected)至\(sequence - 1)行缺失（被删除）"
        case .sequenceOutOfOrder(let expected):
            "第\(sequence)行：应为第\(expected)行；序号倒退（被调换或重复）"
        case .previousHashMismatch:
            "第\(sequence)行：前一行哈希与上一行不符（被调换、插入或替换）"
        case .anchorMismatch:
            "第\(sequence)行：哈希值与审计锚点记录的不符（该行被替换）"
        case .truncated(let last):
            "第\(sequence)至\(last)行缺失：审计日志在锚点记录的链头之前结束（末尾记录被删除）"
        case .unattestedCheckpoint:
            "第1至\(sequence)行缺失，且没有任何清理记录归档过它们（归档检查点未经证实）"
        }
    }
}

/// What `audit verify` reports.
public struct AuditVerification: Hashable, Sendable {
    /// Rows examined, including the first broken one; verification stops there.
    public let rowsChecked: Int
    /// The last row that verified (or the checkpoint verification started after); nil when none.
    public let lastVerified: AuditChainHead?
    public let firstBreak: AuditChainBreak?

    public var isIntact: Bool { firstBreak == nil }
}

/// Walks the audit table in sequence order, a page at a time, and stops at the first broken row.
///
///     var verifier = AuditChainVerifier(key: key, anchor: storedHead)
///     for page in pages { for row in page { guard verifier.feed(row) else { break } } }
///     let report = verifier.result
///
/// Checks, in this order, for each row: the sequence is the next one (gap → deleted rows; backwards → reordered),
/// the previous hash is the hash of the row before (or the genesis hash), the HMAC authenticates the row, and, at
/// the anchor's sequence, the hash equals the anchor's. Rows after the anchor are accepted: the anchor kept outside
/// the table may lag the newest rows.
public struct AuditChainVerifier: @unchecked Sendable {
    // @unchecked: swift-crypto 3.x does not mark its keys Sendable (4.x does); they are immutable values.
    private let key: SymmetricKey
    /// The hash each anchor names at its sequence (anchors inside an archived prefix left out).
    private let anchorHashes: [Int64: Data]
    /// The furthest row any anchor names: the table must reach it.
    private let furthestAnchor: Int64?
    private var expectedSequence: Int64?
    private var expectedPreviousHash: Data
    private var rowsChecked = 0
    private var lastVerified: AuditChainHead?
    private var firstBreak: AuditChainBreak?
    /// The object id of the purge row that must follow the checkpoint, until it is seen.
    private var pendingAttestation: String?
    private let checkpoint: AuditChainHead?

    /// - Parameters:
    ///   - anchor, anchors: chain heads recorded outside the table (signed `AuditCheckpoint`s); without one, rows
    ///     deleted from the end go unnoticed. Every anchor must match the row at its sequence, and the table must
    ///     reach the furthest of them; rows after them are accepted (an anchor may lag the newest rows).
    ///   - checkpoint: the last row of an archived and purged prefix; nil when the table starts at row 1.
    ///   - requireAttestation: the checkpoint counts only if a later row is the purge that recorded it
    ///     (`AuditArchive.purgeAction` naming `AuditArchive.attestation(of:)` it), which needs the key to write.
    public init(
        key: SymmetricKey, anchor: AuditChainHead? = nil, anchors: [AuditChainHead] = [], after checkpoint: AuditChainHead? = nil,
        requireAttestation: Bool = false
    ) {
        self.key = key
        self.checkpoint = checkpoint
        pendingAttestation = requireAttestation ? checkpoint.map(AuditArchive.attestation) : nil
        expectedSequence = AuditChain.nextSequence(after: checkpoint)
        expectedPreviousHash = checkpoint?.hash ?? AuditChain.genesisHash
        lastVerified = checkpoint
        let start = checkpoint?.sequence ?? 0
        var hashes: [Int64: Data] = [:]
        var conflict: Int64?
        for head in [anchor].compactMap({ $0 }) + anchors {
            if let known = hashes[head.sequence], known != head.hash { conflict = min(conflict ?? head.sequence, head.sequence) }
            hashes[head.sequence] = head.hash
        }
        // An anchor inside the archived prefix was checked when that prefix was archived; one at its end must be it.
        if let atStart = hashes[start], start > 0, atStart != checkpoint?.hash { conflict = min(conflict ?? start, start) }
        hashes = hashes.filter { $0.key > start }
        anchorHashes = hashes
        furthestAnchor = hashes.keys.max()
        if let conflict { firstBreak = AuditChainBreak(sequence: conflict, reason: .anchorMismatch) }
    }

    /// Checks the next row. Returns false once the chain is broken; later rows are then ignored.
    public mutating func feed(_ row: StoredAuditRow) -> Bool {
        guard firstBreak == nil else { return false }
        rowsChecked += 1
        if let reason = problem(with: row) {
            firstBreak = AuditChainBreak(sequence: row.sequence, reason: reason)
            return false
        }
        if row.entry.action == AuditArchive.purgeAction, row.entry.objectID == pendingAttestation { pendingAttestation = nil }
        lastVerified = row.head
        expectedSequence = AuditChain.nextSequence(after: row.head)
        expectedPreviousHash = row.hash
        return true
    }

    /// The outcome if the table ended after the rows fed so far.
    public var result: AuditVerification {
        var firstBreak = firstBreak
        if firstBreak == nil, let furthestAnchor, furthestAnchor > (lastVerified?.sequence ?? 0) {
            let firstMissing = (lastVerified?.sequence ?? 0) + 1
            firstBreak = AuditChainBreak(sequence: firstMissing, reason: .truncated(expectedLastSequence: furthestAnchor))
        }
        if firstBreak == nil, pendingAttestation != nil, let checkpoint {
            firstBreak = AuditChainBreak(sequence: checkpoint.sequence, reason: .unattestedCheckpoint)
        }
        return AuditVerification(rowsChecked: rowsChecked, lastVerified: lastVerified, firstBreak: firstBreak)
    }

    private func problem(with row: StoredAuditRow) -> AuditChainBreakReason? {
        guard let expected = expectedSequence else { return .sequenceOutOfOrder(expected: Int64.max) }
        if row.sequence > expected { return .sequenceGap(expected: expected) }
        if row.sequence < expected { return .sequenceOutOfOrder(expected: expected) }
        guard row.previousHash == expectedPreviousHash else { return .previousHashMismatch }
        let record = AuditChain.record(entry: row.entry, previousHash: row.previousHash)
        guard HMAC<SHA256>.isValidAuthenticationCode(row.hash, authenticating: record, using: key) else {
            return .hashMismatch
        }
        if let anchored = anchorHashes[row.sequence], anchored != row.hash { return .anchorMismatch }
        return nil
    }
}
