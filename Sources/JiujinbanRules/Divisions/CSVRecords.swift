/// Reads CSV text as RFC 4180 writes it (and Excel saves it): comma-separated, fields optionally in double quotes
/// with `""` for a quote, CRLF or LF line ends, an optional UTF-8 byte-order mark. Each record keeps the number of
/// the line it starts on, so problems can be reported as people see the file.
public enum CSVRecords {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public enum Problem: Error, Sendable, Equatable {
        /// A quoted field is never closed; it opened on this line.
        case unclosedQuote(line: Int)
        /// Text follows a closing quote inside one field (`"a"b`).
        case textAfterQuote(line: Int)

        public var message: String {
            switch self {
            case .unclosedQuote(let line): "第\(line)行：引号没有闭合"
            case .textAfterQuote(let line): "第\(line)行：引号之后、逗号之前还有文字"
            }
        }
    }

    /// Every non-blank record. A blank line (nothing but white space) is skipped.
    public static func parse(_ text: String) -> Result<[Record], Problem> {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, quoteLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].allSatisfy(\.isWhitespace)) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            wasQuoted = false
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
                wasQuoted = false
            case "\r" where index < scalars.count && scalars[index] == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                if wasQuoted && !scalar.properties.isWhitespace { return .failure(.textAfterQuote(line: line)) }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { return .failure(.unclosedQuote(line: quoteLine)) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }
}
