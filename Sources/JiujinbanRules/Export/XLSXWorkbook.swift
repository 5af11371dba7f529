import Foundation

/// An Excel workbook (.xlsx, Office Open XML) of one sheet: text and number cells, a bold header style, merged
/// ranges (two-level headers) and column widths. Text goes in as inline strings, formula-like text is never a
/// formula (cells are typed, not parsed), and characters XML cannot carry are dropped.
public struct XLSXWorkbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Range: Sendable, Equatable {
        /// Zero-based, inclusive.
        public let firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

        public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
            firstRow = rows.lowerBound; lastRow = rows.upperBound
            firstColumn = columns.lowerBound; lastColumn = columns.upperBound
        }

        public var reference: String {
            XLSXWorkbook.reference(row: firstRow, column: firstColumn) + ":" + XLSXWorkbook.reference(row: lastRow, column: lastColumn)
        }
    }

    public let sheetName: String
    public private(set) var rows: [[Cell]] = []
    /// Rows shown bold and centred (headers).
    public private(set) var headerRows: Set<Int> = []
    public private(set) var merged: [Range] = []
    /// Widths in characters, by column.
    public var columnWidths: [Int: Double] = [:]

    public init(sheetName: String) {
        self.sheetName = sheetName
    }

    public mutating func appendHeader(_ texts: [String]) {
        headerRows.insert(rows.count)
        rows.append(texts.map { $0.isEmpty ? .empty : .text($0) })
    }

    public mutating func append(_ cells: [Cell]) {
        rows.append(cells)
    }

    public mutating func merge(_ range: Range) {
        merged.append(range)
    }

    /// `A1`, `AB12` from zero-based row and column.
    public static func reference(row: Int, column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }

    public var bytes: [UInt8] {
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """)
        zip.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        zip.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(Self.escape(String(sheetName.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        zip.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        zip.add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
            <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
            <alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
            </cellXfs></styleSheet>
            """)
        zip.add("xl/worksheets/sheet1.xml", bytes: sheetXML)
        return zip.bytes
    }

    /// The sheet's XML, written straight into bytes: a province's report has close to a million cells.
    var sheetXML: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * (rows.first?.count ?? 1) * 48 + 4_096)
        out += Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            """.utf8)
        if !columnWidths.isEmpty {
            out += Array("<cols>".utf8)
            for (column, width) in columnWidths.sorted(by: { $0.key < $1.key }) {
                out += Array("<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(width)\" customWidth=\"1\"/>".utf8)
            }
            out += Array("</cols>".utf8)
        }
        out += Array("<sheetData>".utf8)
        let width = rows.map(\.count).max() ?? 0
        let letters = (0..<width).map { Array(Self.reference(row: 0, column: $0).dropLast().utf8) }
        let openText = Array("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8), closeText = Array("</t></is></c>".utf8)
        let openNumber = Array("\"><v>".utf8), closeNumber = Array("</v></c>".utf8)
        let openRow = Array("<row r=\"".utf8), closeRowStart = Array("\">".utf8), closeRow = Array("</row>".utf8)
        let openCell = Array("<c r=\"".utf8), styleAttribute = Array("\" s=\"".utf8), emptyCell = Array("\"/>".utf8)
        let headerStyle = UInt8(ascii: "1"), bodyStyle = UInt8(ascii: "2")
        for (r, row) in rows.enumerated() {
            let style = headerRows.contains(r) ? headerStyle : bodyStyle
            let number = Array(String(r + 1).utf8)
            out += openRow; out += number; out += closeRowStart
            for (c, cell) in row.enumerated() {
                out += openCell; out += letters[c]; out += number
                out += styleAttribute; out.append(style)
                switch cell {
                case .text(let text):
                    out += openText
                    Self.appendEscaped(text, to: &out)
                    out += closeText
                case .number(let value):
                    out += openNumber
                    if value == value.rounded(), abs(value) < 1e15 { Self.appendInteger(Int(value), to: &out) } else { out += String(value).utf8 }
                    out += closeNumber
                case .empty:
                    out += emptyCell
                }
            }
            out += closeRow
        }
        out += Array("</sheetData>".utf8)
        if !merged.isEmpty {
            out += Array(("<mergeCells count=\"\(merged.count)\">" + merged.map { "<mergeCell ref=\"\($0.reference)\"/>" }.joined()
                          + "</mergeCells>").utf8)
        }
        out += Array("</worksheet>".utf8)
        return out
    }

    /// Decimal digits of `value` without going through a String.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out += digits.reversed()
    }

    /// Text as XML character data: plain text is copied as its UTF-8 bytes; text with markup characters or
    /// characters XML forbids takes the careful path.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF {
            plain = false
            break
        }
        if plain { out += text.utf8 } else { out += escape(text).utf8 }
    }

    /// XML text: the five markup characters escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
