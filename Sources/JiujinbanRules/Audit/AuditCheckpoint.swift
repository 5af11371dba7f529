import Crypto
import Foundation

/// 审计锚点: a signed statement that an audit chain had reached a row, kept outside the database.
///
/// The chain alone cannot reveal rows cut from its end, nor a table emptied and its head reset. A checkpoint is
/// `(chain, sequence, hash, time, writer)` authenticated with the audit key, so it can be stored anywhere that is
/// not the database — the data folder, the application log, an archive, a backup — and still be trusted:
/// verification finds the chain shorter than a checkpoint (`truncated`) or a different row at its sequence
/// (`anchorMismatch`), and says from where.
///
/// - `chain` names the chain the checkpoint is of: `platform` today; a chain split per county later gets one per
///   county, each verified against its own checkpoints.
/// - `writer` names the instance that wrote it: several instances on one PostgreSQL database each write their own
///   checkpoints of the one chain, and any of them anchors it.
/// - A checkpoint is written only after the rows it names are committed, so it may lag the table (rows after it
///   verify as usual) but never lead it: a crash between a commit and the next checkpoint is not a false alarm.
public struct AuditCheckpoint: Hashable, Sendable {
    public static let platformChain = "platform"
    /// The first bytes of the authenticated record: keeps it apart from row records (which start with 0x01).
    static let domain = Data("jiujinban-audit-checkpoint-v1".utf8)

    public let chain: String
    public let head: AuditChainHead
    public let writtenAtMilliseconds: Int64
    public let writer: String
    public let mac: Data

    public init(chain: String, head: AuditChainHead, writtenAtMilliseconds: Int64, writer: String, mac: Data) {
        self.chain = chain
        self.head = head
        self.writtenAtMilliseconds = writtenAtMilliseconds
        self.writer = writer
        self.mac = mac
    }

    /// A checkpoint of `head`, signed now.
    public static func sign(
        chain: String = platformChain, head: AuditChainHead, at instant: AuditInstant, writer: String, key: SymmetricKey
    ) -> AuditCheckpoint {
        let unsigned = AuditCheckpoint(chain: chain, head: head, writtenAtMilliseconds: instant.millisecondsSince1970,
                                       writer: writer, mac: Data())
        let mac = Data(HMAC<SHA256>.authenticationCode(for: unsigned.record, using: key))
        return AuditCheckpoint(chain: chain, head: head, writtenAtMilliseconds: instant.millisecondsSince1970,
                               writer: writer, mac: mac)
    }

    /// Whether the audit key made this checkpoint (a forged or edited one, or one of another deployment, is not).
    public func isAuthentic(key: SymmetricKey) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: record, using: key)
    }

    /// domain ‖ len(chain) ‖ chain ‖ sequence ‖ hash ‖ time ‖ len(writer) ‖ writer, integers big-endian.
    var record: Data {
        var data = Self.domain
        func append(_ value: Int64) { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        func append(text: String) {
            let bytes = Data(text.utf8)
            append(Int64(bytes.count))
            data.append(bytes)
        }
        append(text: chain)
        append(head.sequence)
        append(Int64(head.hash.count))
        data.append(head.hash)
        append(writtenAtMilliseconds)
        append(text: writer)
        return data
    }

    // MARK: The text form

    private struct Wire: Codable {
        var checkpoint: Int
        var chain: String
        var seq: Int64
        var hash: String
        var at: Int64
        var writer: String
        var mac: String
    }

    /// One line of JSON (no newline inside), the same in the anchor folder, the log and an archive.
    public var line: String {
        let wire = Wire(checkpoint: 1, chain: chain, seq: head.sequence, hash: Hex.encode(head.hash), at: writtenAtMilliseconds,
                        writer: writer, mac: Hex.encode(mac))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(wire)) ?? Data(), as: UTF8.self)
    }

    /// The checkpoint in a line of text: the line itself, or a log line that carries one (`… audit checkpoint {…}`).
    /// Nil when the line carries no well-formed checkpoint (its authenticity is checked separately).
    public static func parse(_ text: some StringProtocol) -> AuditCheckpoint? {
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
              let wire = try? JSONDecoder().decode(Wire.self, from: Data(text[open...close].utf8)), wire.checkpoint == 1,
              let hash = Hex.decode(wire.hash), hash.count == AuditChain.hashByteCount, let mac = Hex.decode(wire.mac),
              wire.seq >= 0 else { return nil }
        return AuditCheckpoint(chain: wire.chain, head: AuditChainHead(sequence: wire.seq, hash: hash),
                               writtenAtMilliseconds: wire.at, writer: wire.writer, mac: mac)
    }
}

/// What a checkpoint writer decides when it looks at the table again (each instance, every second or so).
public enum AuditCheckpointStep: Hashable, Sendable {
    /// Nothing new since the last checkpoint.
    case unchanged
    /// The chain grew on from the last checkpoint: sign and store the new head.
    case advance(AuditChainHead)
    /// The table no longer continues the last checkpoint: the writer keeps its checkpoint (which verification will
    /// hold the table to) and raises the alarm.
    case alarm(String)

    /// - Parameters:
    ///   - last: the writer's last checkpoint of this chain, if any.
    ///   - tableHead: the last row in the table now (nil when the table is empty).
    ///   - rowAtLast: the hash the table holds at `last`'s sequence now (nil when there is no such row).
    ///   - archivedThrough: the last row of the archived and purged prefix, if any.
    public static func decide(
        last: AuditChainHead?, tableHead: AuditChainHead?, rowAtLast: Data?, archivedThrough: Int64?
    ) -> AuditCheckpointStep {
        guard let last else { return tableHead.map { .advance($0) } ?? .unchanged }
        guard let tableHead, tableHead.sequence >= last.sequence else {
            return .alarm("审计日志在锚点第\(last.sequence)行之后被截断（表中最后一行：\(tableHead.map { "第\($0.sequence)行" } ?? "无")）")
        }
        if tableHead.sequence == last.sequence {
            return tableHead.hash == last.hash ? .unchanged : .alarm("审计日志第\(last.sequence)行与锚点不符（被替换）")
        }
        if let rowAtLast {
            guard rowAtLast == last.hash else { return .alarm("审计日志第\(last.sequence)行与锚点不符（被替换）") }
        } else if (archivedThrough ?? 0) < last.sequence {
            return .alarm("审计日志缺少锚点所在的第\(last.sequence)行（被删除）")
        }
        return .advance(tableHead)
    }
}
