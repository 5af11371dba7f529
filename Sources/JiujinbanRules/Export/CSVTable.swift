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
        ([header] + rows).map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Cells of user text are neutralised; numbers (such as a negative amount) are not text and stay as they are.
    public static func cell(_ raw: String) -> String {
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
