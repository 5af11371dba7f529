import Foundation

/// One regular file's 512-byte header in a POSIX tar archive (ustar), the container of a backup: any operator can
/// list or unpack a backup with `tar`, and the format streams, so a database of many gigabytes is never held in
/// memory. Only what a backup needs: regular files, names up to 255 bytes (the ustar prefix field), sizes beyond
/// 8 GiB in GNU's base-256 form (which GNU tar and bsdtar read).
public struct TarHeader: Hashable, Sendable {
    public static let blockSize = 512

    public var name: String
    public var size: Int64
    public var modified: Int64

    public init(name: String, size: Int64, modified: Int64) {
        self.name = name
        self.size = size
        self.modified = modified
    }

    /// Bytes of padding after a member's content, up to the next block.
    public static func padding(for size: Int64) -> Int {
        let remainder = Int(size % Int64(blockSize))
        return remainder == 0 ? 0 : blockSize - remainder
    }

    /// The header block. Nil when the name cannot be stored (longer than 255 bytes, or with no `/` to split at
    /// past 100 bytes).
    public func encoded() -> [UInt8]? {
        let nameBytes = Array(name.utf8)
        var prefix: [UInt8] = []
        var short = nameBytes
        if nameBytes.count > 100 {
            guard let split = nameBytes.indices.last(where: { nameBytes[$0] == UInt8(ascii: "/") && $0 <= 155 && nameBytes.count - $0 - 1 <= 100 })
            else { return nil }
            prefix = Array(nameBytes[..<split])
            short = Array(nameBytes[(split + 1)...])
        }
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        func put(_ bytes: [UInt8], at offset: Int) {
            for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            Array(String(value, radix: 8).leftPadded(to: width - 1).utf8) + [0]
        }
        put(short, at: 0)
        put(octal(0o600, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        if size < 0o77777777777 {
            put(octal(size, width: 12), at: 124)
        } else {
            // GNU base-256: the top bit of the first byte set, the value big-endian in the rest of the field.
            var value = UInt64(size)
            for index in stride(from: 11, through: 1, by: -1) {
                block[124 + index] = UInt8(value & 0xFF)
                value >>= 8
            }
            block[124] = 0x80
        }
        put(octal(max(0, modified), width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        put(prefix, at: 345)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(Array(String(checksum, radix: 8).leftPadded(to: 6).utf8) + [0, UInt8(ascii: " ")], at: 148)
        return block
    }

    public enum Decoded: Hashable, Sendable {
        case member(TarHeader)
        /// A block of zeros: the archive's end marker.
        case end
    }

    /// Reads a header block; nil when it is not one (a damaged or foreign file).
    public static func decode(_ block: [UInt8]) -> Decoded? {
        guard block.count == blockSize else { return nil }
        if block.allSatisfy({ $0 == 0 }) { return .end }
        var unsigned = block
        for index in 148..<156 { unsigned[index] = UInt8(ascii: " ") }
        guard let stored = octalValue(block[148..<156]), stored == Int64(unsigned.reduce(0) { $0 + Int($1) }) else { return nil }
        guard Array(block[257..<262]) == Array("ustar".utf8), block[156] == UInt8(ascii: "0") || block[156] == 0 else { return nil }
        let size: Int64
        if block[124] & 0x80 != 0 {
            var value: UInt64 = 0
            for index in 1..<12 { value = value << 8 | UInt64(block[124 + index]) }
            guard value <= UInt64(Int64.max) else { return nil }
            size = Int64(value)
        } else {
            guard let value = octalValue(block[124..<136]) else { return nil }
            size = value
        }
        func text(_ range: Range<Int>) -> String? {
            let bytes = block[range].prefix { $0 != 0 }
            return String(bytes: bytes, encoding: .utf8)
        }
        guard let short = text(0..<100), let prefix = text(345..<500), !short.isEmpty else { return nil }
        return .member(TarHeader(name: prefix.isEmpty ? short : prefix + "/" + short, size: size,
                                 modified: octalValue(block[136..<148]) ?? 0))
    }

    private static func octalValue(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let digits = bytes.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }
        guard !digits.isEmpty, let text = String(bytes: digits, encoding: .ascii) else { return nil }
        return Int64(text, radix: 8)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
