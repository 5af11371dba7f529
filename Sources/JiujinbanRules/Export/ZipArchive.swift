import Foundation

/// A ZIP archive of stored (uncompressed) entries: what an .xlsx file is. Stored entries keep the writer small and
/// exact; spreadsheets of a few thousand rows stay well under a few megabytes.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable, Equatable {
        public let path: String
        public let bytes: [UInt8]
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        entries.append(Entry(path: path, bytes: Array(text.utf8)))
    }

    public mutating func add(_ path: String, bytes: [UInt8]) {
        entries.append(Entry(path: path, bytes: bytes))
    }

    /// The archive's bytes. Times are fixed (1980-01-01) so the same content gives the same file.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.bytes.count + 2 * $1.path.utf8.count + 100 } + 22)
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.path.utf8)
            let crc = CRC32.checksum(entry.bytes)
            let offset = UInt32(out.count)
            out.append(le32: 0x0403_4B50)
            out.append(le16: 20); out.append(le16: 0x0800); out.append(le16: 0)
            out.append(le16: 0); out.append(le16: 0x0021)
            out.append(le32: crc); out.append(le32: UInt32(entry.bytes.count)); out.append(le32: UInt32(entry.bytes.count))
            out.append(le16: UInt16(name.count)); out.append(le16: 0)
            out += name
            out += entry.bytes

            central.append(le32: 0x0201_4B50)
            central.append(le16: 20); central.append(le16: 20); central.append(le16: 0x0800); central.append(le16: 0)
            central.append(le16: 0); central.append(le16: 0x0021)
            central.append(le32: crc); central.append(le32: UInt32(entry.bytes.count)); central.append(le32: UInt32(entry.bytes.count))
            central.append(le16: UInt16(name.count)); central.append(le16: 0); central.append(le16: 0)
            central.append(le16: 0); central.append(le16: 0); central.append(le32: 0)
            central.append(le32: offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0); out.append(le16: 0)
        out.append(le16: UInt16(entries.count)); out.append(le16: UInt16(entries.count))
        out.append(le32: UInt32(central.count)); out.append(le32: centralOffset)
        out.append(le16: 0)
        return out
    }

    /// The stored entries of an archive this type wrote (or any archive of stored entries), by path; nil when the
    /// bytes are not such an archive or a checksum is wrong. For reading exports back in tests and tools.
    public static func read(_ bytes: [UInt8]) -> [String: [UInt8]]? {
        var files: [String: [UInt8]] = [:]
        var index = 0
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        while index + 30 <= bytes.count, u32(index) == 0x0403_4B50 {
            guard u16(index + 8) == 0 else { return nil }
            let size = u32(index + 18), nameLength = u16(index + 26), extraLength = u16(index + 28)
            let nameStart = index + 30, dataStart = nameStart + nameLength + extraLength
            guard dataStart + size <= bytes.count else { return nil }
            let name = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            let data = Array(bytes[dataStart..<dataStart + size])
            guard CRC32.checksum(data) == UInt32(u32(index + 14)) else { return nil }
            files[name] = data
            index = dataStart + size
        }
        return files.isEmpty ? nil : files
    }
}

/// CRC-32 (IEEE 802.3), as ZIP requires; slicing by 8, since a province's report is tens of megabytes.
enum CRC32 {
    static let tables: [[UInt32]] = {
        var first = [UInt32](repeating: 0, count: 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            first[n] = c
        }
        var tables = [first]
        for k in 1..<8 {
            tables.append((0..<256).map { n in first[Int(tables[k - 1][n] & 0xFF)] ^ (tables[k - 1][n] >> 8) })
        }
        return tables
    }()

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        let flat = tables.flatMap { $0 }
        flat.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                var i = 0
                let count = b.count
                while i + 8 <= count {
                    let one = crc ^ (UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24)
                    let two = UInt32(b[i + 4]) | UInt32(b[i + 5]) << 8 | UInt32(b[i + 6]) << 16 | UInt32(b[i + 7]) << 24
                    crc = t[7 * 256 + Int(one & 0xFF)] ^ t[6 * 256 + Int((one >> 8) & 0xFF)]
                        ^ t[5 * 256 + Int((one >> 16) & 0xFF)] ^ t[4 * 256 + Int(one >> 24)]
                        ^ t[3 * 256 + Int(two & 0xFF)] ^ t[2 * 256 + Int((two >> 8) & 0xFF)]
                        ^ t[1 * 256 + Int((two >> 16) & 0xFF)] ^ t[Int(two >> 24)]
                    i += 8
                }
                while i < count {
                    crc = t[Int((crc ^ UInt32(b[i])) & 0xFF)] ^ (crc >> 8)
                    i += 1
                }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF)); append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        append(le16: UInt16(value & 0xFFFF)); append(le16: UInt16(value >> 16))
    }
}
