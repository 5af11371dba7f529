/// A deliberately strict reader of the HTML this application writes: Plot writes every attribute as `name="value"`,
/// closes every element it opens and self-closes void ones, so anything else on a page — an unquoted or
/// single-quoted value, a stray `<` or `&`, an unbalanced end tag, an attribute named `x` or `onmouseover` — is
/// markup that text broke out into. A browser's parser forgives all of these; this one names the first.
struct StrictHTML {
    struct Element {
        let name: String
        let attributes: [(name: String, value: String)]
        let inSVG: Bool
        /// The raw content of `script`/`style`, the unescaped text of `title`/`textarea`; empty otherwise.
        var content = ""

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let problem: String
        let excerpt: String
        var description: String { "line \(line): \(problem) near `\(excerpt)`" }
    }

    /// Start tags in document order, attribute values decoded.
    private(set) var elements: [Element] = []
    /// Text between tags, decoded (to see that hostile text arrived as text).
    private(set) var text = ""

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]
    static let rawTextElements: Set<String> = ["script", "style"]
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    private let bytes: [UInt8]
    private var position = 0
    private var open: [(name: String, inSVG: Bool)] = []

    init(_ html: String) throws {
        bytes = Array(html.utf8)
        try read()
    }

    private mutating func read() throws {
        if startsWith("<!DOCTYPE html>", caseInsensitive: true) { position += 15 }
        while position < bytes.count {
            guard let next = bytes[position...].firstIndex(of: UInt8(ascii: "<")) else {
                try appendText(bytes[position...])
                position = bytes.count
                break
            }
            try appendText(bytes[position..<next])
            position = next
            if startsWith("<!--") {
                guard let end = find("-->", from: position + 4) else { throw failure("comment never closed") }
                position = end + 3
            } else if startsWith("</") {
                try readEndTag()
            } else if position + 1 < bytes.count, isLetter(bytes[position + 1]) {
                try readStartTag()
            } else {
                throw failure("a `<` that starts no tag (text not escaped)")
            }
        }
        if let unclosed = open.last { throw failure("<\(unclosed.name)> never closed") }
    }

    private mutating func readStartTag() throws {
        let tagStart = position
        position += 1
        let name = readName().lowercased()
        let inSVG = name == "svg" || (open.last?.inSVG ?? false)
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while true {
            let hadSpace = skipSpaces()
            guard position < bytes.count else { throw failure("tag <\(name)> never ends", at: tagStart) }
            if bytes[position] == UInt8(ascii: ">") { position += 1; break }
            if startsWith("/>") { position += 2; selfClosing = true; break }
            guard hadSpace else { throw failure("attributes of <\(name)> run together", at: tagStart) }
            let attributeName = readName()
            guard !attributeName.isEmpty else {
                throw failure("a character that cannot start an attribute name in <\(name)>", at: tagStart)
            }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                attributes.append((attributeName, "")) // a boolean attribute written bare
                continue
            }
            position += 1
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("value of `\(attributeName)` in <\(name)> is not double-quoted", at: tagStart)
            }
            guard let close = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "\"")) else {
                throw failure("value of `\(attributeName)` in <\(name)> never closes", at: tagStart)
            }
            let raw = bytes[(position + 1)..<close]
            if raw.contains(UInt8(ascii: "<")) { throw failure("a raw `<` inside `\(attributeName)` of <\(name)>", at: tagStart) }
            attributes.append((attributeName, try decode(raw)))
            position = close + 1
        }
        if let duplicate = Dictionary(grouping: attributes, by: \.name).first(where: { $0.value.count > 1 }) {
            throw failure("<\(name)> carries `\(duplicate.key)` twice", at: tagStart)
        }
        var element = Element(name: name, attributes: attributes, inSVG: inSVG)
        if selfClosing || (!inSVG && Self.voidElements.contains(name)) {
            elements.append(element)
            return
        }
        if !inSVG && (Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name)) {
            guard let end = find("</\(name)", from: position, caseInsensitive: true) else { throw failure("<\(name)> never closed", at: tagStart) }
            let content = bytes[position..<end]
            if Self.escapableRawTextElements.contains(name) {
                if content.contains(UInt8(ascii: "<")) { throw failure("a raw `<` inside <\(name)>", at: position) }
                element.content = try decode(content)
            } else {
                element.content = String(decoding: content, as: UTF8.self)
            }
            elements.append(element)
            position = end
            open.append((name, inSVG))
            try readEndTag()
            return
        }
        elements.append(element)
        open.append((name, inSVG))
    }

    private mutating func readEndTag() throws {
        let tagStart = position
        position += 2
        let name = readName().lowercased()
        _ = skipSpaces()
        guard !name.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw failure("malformed end tag", at: tagStart)
        }
        position += 1
        guard let top = open.popLast() else { throw failure("</\(name)> closes nothing", at: tagStart) }
        guard top.name == name else { throw failure("</\(name)> closes <\(top.name)>", at: tagStart) }
    }

    private mutating func appendText(_ slice: ArraySlice<UInt8>) throws {
        guard !slice.isEmpty else { return }
        text += try decode(slice)
    }

    /// Character references decoded; a `&` that starts none is text that was never escaped.
    private func decode(_ slice: ArraySlice<UInt8>) throws -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        var index = slice.startIndex
        while index < slice.endIndex {
            let byte = slice[index]
            guard byte == UInt8(ascii: "&") else { out.append(byte); index += 1; continue }
            guard let semicolon = slice[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
                  let decoded = Self.reference(String(decoding: slice[(index + 1)..<semicolon], as: UTF8.self)) else {
                throw failure("a `&` that starts no character reference (text not escaped)", at: index)
            }
            out.append(contentsOf: Array(decoded.utf8))
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func reference(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return "\u{00A0}"
        default:
            if name.hasPrefix("#x"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) { return String(scalar) }
            if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) { return String(scalar) }
            return nil
        }
    }

    // MARK: - Bytes

    private func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// A tag or attribute name: up to a space, `=`, `>` or `/`. Anything else odd (quotes, `<`) ends it too, and the
    /// caller then finds no name or no `=`.
    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let stop = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<")
            if stop { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[position]) {
            position += 1
        }
        return position > start
    }

    private func startsWith(_ prefix: String, caseInsensitive: Bool = false) -> Bool {
        let prefix = Array(prefix.utf8)
        guard position + prefix.count <= bytes.count else { return false }
        for (offset, byte) in prefix.enumerated() {
            let actual = bytes[position + offset]
            if caseInsensitive ? (actual | 0x20) != (byte | 0x20) : actual != byte { return false }
        }
        return true
    }

    private func find(_ needle: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        let needle = Array(needle.utf8)
        var index = start
        while index + needle.count <= bytes.count {
            var matches = true
            for (offset, byte) in needle.enumerated() {
                let actual = bytes[index + offset]
                if caseInsensitive ? (actual | 0x20) != (byte | 0x20) : actual != byte { matches = false; break }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private func failure(_ problem: String, at offset: Int? = nil) -> Failure {
        let offset = min(offset ?? position, bytes.count)
        let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let excerpt = String(decoding: bytes[max(0, offset - 40)..<min(bytes.count, offset + 80)], as: UTF8.self)
        return Failure(line: line, problem: problem, excerpt: excerpt)
    }
}
