import Foundation

/// A CSV table as exports write it: UTF-8, a header row, CRLF line ends (what Excel expects), fields quoted when
/// they need it, and cells that a spreadsheet would run as a formula (`= + - @`, tab, carriage return)
/// neutralised with a leading apostrophe.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row must have one cell per column")
        rows.append(row)
    }

    public var text: String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * header.count * 8)
        for row in [header] + rows {
            for (index, value) in row.enumerated() {
                if index > 0 { out += "," }
                out += Self.cell(value)
            }
            out += "\r\n"
        }
        return out
    }

    /// Cells of user text are neutralised; numbers (such as a negative amount) are not text and stay as they are.
    public static func cell(_ raw: String) -> String {
        // Most cells need nothing: no leading formula character, nothing to quote (checked on the UTF-8 bytes).
        if let first = raw.utf8.first, !"=+-@\t\r".utf8.contains(first),
           !raw.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return raw
        }
        var value = raw
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
