import Foundation

/// RFC 4180 CSV over raw bytes: fields separated by commas, records by LF or CRLF, a field in double quotes may hold
/// commas, line breaks and doubled quotes. A UTF-8 byte-order mark before the first field is skipped.
///
/// It works on bytes, not `Character`s, and keeps its place between calls, so a file of fifteen million rows is read
/// from a memory-mapped `Data` batch by batch without holding rows it has already handed out. The one CSV reader of
/// the rules: the insurance exchange files and the division list both read through it.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Equatable {
        /// The physical line the record starts on, counting from 1 (the header is line 1).
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case unterminatedQuote(line: Int)
        case notUTF8(line: Int)

        public var message: String {
            switch self {
            case .unterminatedQuote(let line): "第\(line)行：引号未闭合（以双引号开始的字段缺少结束的双引号）"
            case .notUTF8(let line): "第\(line)行：不是有效的 UTF-8 文本（请将文件另存为 UTF-8 编码）"
            }
        }
    }

    /// Byte offset of the next record.
    public private(set) var offset = 0
    private var line = 1

    public init() {}

    /// The next record from `bytes` (the whole file), or nil at its end. Empty lines are skipped.
    public mutating func next(in bytes: UnsafeRawBufferPointer) throws(Problem) -> Record? {
        let count = bytes.count
        if offset == 0, count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
        // Skip blank lines (a trailing newline, or CRLF pairs between records).
        while offset < count, bytes[offset] == 0x0A || bytes[offset] == 0x0D {
            if bytes[offset] == 0x0A { line += 1 }
            offset += 1
        }
        guard offset < count else { return nil }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(16)
        var scratch: [UInt8] = []
        while true {
            // One field.
            if offset < count, bytes[offset] == 0x22 {
                offset += 1
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while offset < count {
                    let byte = bytes[offset]
                    if byte == 0x22 {
                        if offset + 1 < count, bytes[offset + 1] == 0x22 {
                            scratch.append(0x22)
                            offset += 2
                            continue
                        }
                        offset += 1
                        closed = true
                        break
                    }
                    if byte == 0x0A { line += 1 }
                    scratch.append(byte)
                    offset += 1
                }
                guard closed else { throw .unterminatedQuote(line: startLine) }
                guard let text = String(validating: scratch, as: UTF8.self) else { throw .notUTF8(line: startLine) }
                fields.append(text)
                // Anything between the closing quote and the separator is kept, as spreadsheets do.
                let tail = offset
                while offset < count, bytes[offset] != 0x2C, bytes[offset] != 0x0A, bytes[offset] != 0x0D { offset += 1 }
                if offset > tail, let extra = String(validating: UnsafeRawBufferPointer(rebasing: bytes[tail..<offset]), as: UTF8.self) {
                    fields[fields.count - 1] += extra
                }
            } else {
                let start = offset
                while offset < count, bytes[offset] != 0x2C, bytes[offset] != 0x0A, bytes[offset] != 0x0D { offset += 1 }
                guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self) else {
                    throw .notUTF8(line: startLine)
                }
                fields.append(text)
            }
            guard offset < count else { return Record(line: startLine, fields: fields) }
            switch bytes[offset] {
            case 0x2C:
                offset += 1
            case 0x0D:
                offset += 1
                if offset < count, bytes[offset] == 0x0A { offset += 1 }
                line += 1
                return Record(line: startLine, fields: fields)
            default:
                offset += 1
                line += 1
                return Record(line: startLine, fields: fields)
            }
        }
    }

    /// Every record of a text read whole (the division list, tests, hand-made files).
    public static func records(of text: String) throws(Problem) -> [Record] {
        var reader = CSVReader()
        var records: [Record] = []
        let bytes = Array(text.utf8)
        var failure: Problem?
        bytes.withUnsafeBytes { buffer in
            do throws(Problem) {
                while let record = try reader.next(in: buffer) { records.append(record) }
            } catch { failure = error }
        }
        if let failure { throw failure }
        return records
    }
}
