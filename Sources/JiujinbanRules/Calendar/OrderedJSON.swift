import Foundation

/// A JSON document that keeps object members in order, duplicate keys included.
///
/// Foundation's decoders silently keep one of two equal keys; an uploaded holiday list that names the same date
/// twice must be reported instead, so holiday data is read with this small reader (RFC 8259, nothing more).
enum OrderedJSON: Equatable {
    case object([Member])
    case array([OrderedJSON])
    case string(String)
    /// The number as written, so `2027` and `2027.0` stay distinguishable.
    case number(String)
    case bool(Bool)
    case null

    struct Member: Equatable {
        let key: String
        let value: OrderedJSON
    }

    struct SyntaxError: Error {
        /// 1-based line of the place where reading stopped.
        let line: Int
    }

    static func parse(_ data: Data) throws(SyntaxError) -> OrderedJSON {
        var reader = OrderedJSONReader(bytes: Array(data))
        return try reader.readDocument()
    }
}

private struct OrderedJSONReader {
    /// Deeper documents are not holiday data; the limit keeps recursion shallow.
    static let maximumDepth = 32

    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 } // byte-order mark written by Windows editors
    }

    mutating func readDocument() throws(OrderedJSON.SyntaxError) -> OrderedJSON {
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else { throw syntaxError() }
        return value
    }

    private mutating func readValue() throws(OrderedJSON.SyntaxError) -> OrderedJSON {
        skipWhitespace()
        guard let byte = peek() else { throw syntaxError() }
        switch byte {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        default: return .number(try readNumber())
        }
    }

    private mutating func readObject() throws(OrderedJSON.SyntaxError) -> OrderedJSON {
        try enterContainer()
        var members: [OrderedJSON.Member] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw syntaxError() }
                let key = try readString()
                skipWhitespace()
                try consume(":")
                members.append(OrderedJSON.Member(key: key, value: try readValue()))
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try consume("}")
                break
            }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func readArray() throws(OrderedJSON.SyntaxError) -> OrderedJSON {
        try enterContainer()
        var elements: [OrderedJSON] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                elements.append(try readValue())
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try consume("]")
                break
            }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func readString() throws(OrderedJSON.SyntaxError) -> String {
        index += 1 // opening quote
        var utf8: [UInt8] = []
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(bytes: utf8, encoding: .utf8) else { throw syntaxError() }
                return string
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            case 0..<0x20:
                throw syntaxError()
            default:
                utf8.append(byte)
            }
        }
        throw syntaxError()
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(OrderedJSON.SyntaxError) {
        guard let byte = peek() else { throw syntaxError() }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            utf8.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw syntaxError() }
        var code = try readHexQuad()
        if (0xD800...0xDBFF).contains(code) {
            try consume("\\")
            try consume("u")
            let low = try readHexQuad()
            guard (0xDC00...0xDFFF).contains(low) else { throw syntaxError() }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw syntaxError() }
        UTF8.encode(scalar) { utf8.append($0) }
    }

    private mutating func readHexQuad() throws(OrderedJSON.SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
              bytes[index..<index + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw syntaxError()
        }
        index += 4
        return code
    }

    private mutating func readNumber() throws(OrderedJSON.SyntaxError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard skipDigits() > 0 else { throw syntaxError() }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw syntaxError() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw syntaxError() }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func readLiteral(_ literal: String) throws(OrderedJSON.SyntaxError) {
        for expected in literal.utf8 {
            guard peek() == expected else { throw syntaxError() }
            index += 1
        }
    }

    private mutating func consume(_ character: Unicode.Scalar) throws(OrderedJSON.SyntaxError) {
        guard peek() == UInt8(ascii: character) else { throw syntaxError() }
        index += 1
    }

    private mutating func enterContainer() throws(OrderedJSON.SyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw syntaxError() }
        index += 1 // opening bracket
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func syntaxError() -> OrderedJSON.SyntaxError {
        OrderedJSON.SyntaxError(line: 1 + bytes[..<min(index, bytes.count)].lazy.filter { $0 == 0x0A }.count)
    }
}
