import Crypto
import Foundation

/// 审计归档: the file a purge writes before it deletes audit rows (S19). JSON lines, UTF-8:
///
///     line 1   the header: format, the checkpoint the archived rows continue from (`after`, null for row 1),
///              the last archived row (`through`: the anchor from which the rows left in the table verify),
///              the row count, the cut and the time of archiving
///     line 2…  one archived row each, every stored column, hashes in hex
///
/// The file verifies on its own with the audit key: its rows chain from `after` to `through`.
public enum AuditArchive {
    public static let format = "jiujinban-audit-archive-v1"

    public struct Header: Codable, Hashable, Sendable {
        public var format: String
        public var after: Checkpoint?
        public var through: Checkpoint
        public var rowCount: Int
        public var cutMilliseconds: Int64
        public var archivedAtMilliseconds: Int64

        public init(after: AuditChainHead?, through: AuditChainHead, rowCount: Int, cut: AuditInstant, archivedAt: AuditInstant) {
            format = AuditArchive.format
            self.after = after.map(Checkpoint.init)
            self.through = Checkpoint(through)
            self.rowCount = rowCount
            cutMilliseconds = cut.millisecondsSince1970
            archivedAtMilliseconds = archivedAt.millisecondsSince1970
        }

        enum CodingKeys: String, CodingKey {
            case format, after, through
            case rowCount = "row_count"
            case cutMilliseconds = "cut_ms"
            case archivedAtMilliseconds = "archived_at_ms"
        }
    }

    /// A chain head as written in the file.
    public struct Checkpoint: Codable, Hashable, Sendable {
        public var seq: Int64
        public var hash: String

        public init(_ head: AuditChainHead) {
            seq = head.sequence
            hash = Hex.encode(head.hash)
        }

        public var head: AuditChainHead? { Hex.decode(hash).map { AuditChainHead(sequence: seq, hash: $0) } }
    }

    /// One archived row: the stored columns under their column names.
    struct Line: Codable, Hashable {
        var seq: Int64
        var occurred_at_ms: Int64
        var user_id: UUID?
        var role: String?
        var org_unit: String?
        var ip: String?
        var action: String
        var object_type: String?
        var object_id: String?
        var result: String
        var detail: String
        var prev_hash: String
        var hash: String

        init(_ row: StoredAuditRow) {
            let entry = row.entry
            seq = entry.sequence
            occurred_at_ms = entry.occurredAt.millisecondsSince1970
            user_id = entry.userID
            role = entry.role
            org_unit = entry.orgUnit
            ip = entry.ipAddress
            action = entry.action
            object_type = entry.objectType
            object_id = entry.objectID
            result = entry.result.rawValue
            detail = entry.detail
            prev_hash = Hex.encode(row.previousHash)
            hash = Hex.encode(row.hash)
        }

        var row: StoredAuditRow? {
            guard let result = AuditResult(rawValue: result), let previous = Hex.decode(prev_hash),
                  let hash = Hex.decode(hash) else { return nil }
            let entry = AuditEntry(
                sequence: seq, occurredAt: AuditInstant(millisecondsSince1970: occurred_at_ms), userID: user_id, role: role,
                orgUnit: org_unit, ipAddress: ip, action: action, objectType: object_type, objectID: object_id,
                result: result, detail: detail)
            return StoredAuditRow(entry: entry, previousHash: previous, hash: hash)
        }
    }

    /// The action of the audit row a purge appends. Its object id is `attestation(of:)` the new checkpoint: that row
    /// is chained with the key, so a checkpoint planted in the table by someone without the key (to hide deleted
    /// rows) has no such row, and `audit verify` reports it.
    public static let purgeAction = "audit.purged"

    /// `<seq>:<hash in hex>` of the last purged row.
    public static func attestation(of checkpoint: AuditChainHead) -> String {
        "\(checkpoint.sequence):\(Hex.encode(checkpoint.hash))"
    }

    /// The header line, ending in a newline.
    public static func line(_ header: Header) -> Data { encoded(header) }

    /// One row's line, ending in a newline.
    public static func line(_ row: StoredAuditRow) -> Data { encoded(Line(row)) }

    /// Reads an archive back and checks it completely: the header, every row readable, the row count, and the
    /// chain from `after` to `through` under `key`. Returns the header of an archive that can stand in for the
    /// rows it holds.
    public static func check(_ data: Data, key: SymmetricKey) -> Result<Header, AuditArchiveError> {
        var checker = Checker(key: key)
        checker.feed(data)
        return checker.finish()
    }

    /// `check` a piece at a time, for archives larger than memory should hold.
    public struct Checker: @unchecked Sendable {
        // @unchecked: swift-crypto 3.x does not mark its keys Sendable (4.x does); they are immutable values.
        private let key: SymmetricKey
        private var pending = Data()
        private var header: Header?
        private var verifier: AuditChainVerifier?
        private var lineNumber = 0
        private var rowsRead = 0
        private var failure: AuditArchiveError?

        public init(key: SymmetricKey) {
            self.key = key
        }

        /// The next bytes of the file, split anywhere.
        public mutating func feed(_ bytes: Data) {
            guard failure == nil else { return }
            pending.append(bytes)
            var start = pending.startIndex
            while failure == nil, let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                read(Data(pending[start..<newline]))
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }

        /// The outcome once the whole file was fed.
        public func finish() -> Result<Header, AuditArchiveError> {
            if let failure { return .failure(failure) }
            guard pending.isEmpty else { return .failure(.unterminated) }
            guard let header, let verifier, let through = header.through.head else { return .failure(.badHeader) }
            let result = verifier.result
            if let broken = result.firstBreak { return .failure(.brokenChain(broken)) }
            guard rowsRead == header.rowCount else { return .failure(.wrongRowCount(header.rowCount, found: rowsRead)) }
            guard result.lastVerified == through else {
                return .failure(.brokenChain(AuditChainBreak(sequence: through.sequence, reason: .anchorMismatch)))
            }
            return .success(header)
        }

        private mutating func read(_ line: Data) {
            lineNumber += 1
            let decoder = JSONDecoder()
            guard header != nil else {
                guard let header = try? decoder.decode(Header.self, from: line), header.format == AuditArchive.format,
                      let through = header.through.head, header.after == nil || header.after?.head != nil else {
                    failure = .badHeader
                    return
                }
                self.header = header
                verifier = AuditChainVerifier(key: key, anchor: through, after: header.after?.head)
                return
            }
            guard let decoded = try? decoder.decode(Line.self, from: line), let row = decoded.row else {
                failure = .unreadableLine(lineNumber)
                return
            }
            rowsRead += 1
            _ = verifier?.feed(row)
        }
    }

    private static func encoded(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain values with string keys always encode.
        var data = try! encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

/// Why an archive cannot stand in for the rows it is meant to hold.
public enum AuditArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    case unterminated
    case badHeader
    /// 1-based line number.
    case unreadableLine(Int)
    case wrongRowCount(Int, found: Int)
    case brokenChain(AuditChainBreak)

    public var description: String {
        switch self {
        case .unterminated: "the archive does not end with a complete line (cut short)"
        case .badHeader: "the archive's first line is not a valid header"
        case .unreadableLine(let line): "line \(line) of the archive is not a valid audit row"
        case .wrongRowCount(let expected, let found): "the header announces \(expected) rows, the archive holds \(found)"
        case .brokenChain(let broken): "the archived rows do not verify: \(broken.description)"
        }
    }
}

/// Lowercase hexadecimal, as the audit table stores hashes and the session table token digests (without a
/// formatter per byte: a digest is written on every request).
public enum Hex {
    public static func encode<Bytes: Sequence>(_ data: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.underestimatedCount * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decode(_ text: String) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var data = Data(capacity: utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    /// The value of one hexadecimal digit (either case), nil for any other byte.
    public static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
