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

    /// The sheet's XML, written straight into one buffer sized beforehand: a province's report has close to a million
    /// cells, and growing an array by small appends cost more than the writing.
    var sheetXML: [UInt8] {
        let width = rows.map(\.count).max() ?? 0
        let letters = (0..<width).map { Array(Self.reference(row: 0, column: $0).dropLast().utf8) }
        var columns = Array("<cols>".utf8)
        for (column, width) in columnWidths.sorted(by: { $0.key < $1.key }) {
            columns += Array("<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(width)\" customWidth=\"1\"/>".utf8)
        }
        columns += Array("</cols>".utf8)
        let merges = merged.isEmpty ? [] : Array(("<mergeCells count=\"\(merged.count)\">" + merged.map { "<mergeCell ref=\"\($0.reference)\"/>" }.joined()
                                                  + "</mergeCells>").utf8)
        // The most each part can take: markup per row and cell, text at six bytes per byte (every byte escaped).
        var capacity = 512 + columns.count + merges.count
        for row in rows {
            capacity += 40
            for cell in row {
                capacity += 100 + (letters.last?.count ?? 1)
                if case .text(let text) = cell { capacity += 6 * text.utf8.count }
            }
        }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = ByteWriter(buffer.baseAddress!)
            out.put("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
            out.put("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            if !columnWidths.isEmpty { out.put(columns) }
            out.put("<sheetData>")
            for (r, row) in rows.enumerated() {
                let style: UInt8 = headerRows.contains(r) ? UInt8(ascii: "1") : UInt8(ascii: "2")
                var number: (UInt64, Int) = (0, 0)
                Self.digits(r + 1, into: &number)
                out.put("<row r=\""); out.put(number); out.put("\">")
                for (c, cell) in row.enumerated() {
                    out.put("<c r=\""); out.put(letters[c]); out.put(number); out.put("\" s=\""); out.put(style)
                    switch cell {
                    case .text(let text):
                        if let first = text.utf8.first, let last = text.utf8.last, Self.isSpace(first) || Self.isSpace(last) {
                            out.put("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                        } else {
                            out.put("\" t=\"inlineStr\"><is><t>")
                        }
                        out.putEscaped(text)
                        out.put("</t></is></c>")
                    case .number(let value):
                        out.put("\"><v>")
                        if value == value.rounded(), abs(value) < 1e15 {
                            var digits: (UInt64, Int) = (0, 0)
                            if value < 0 { out.put(UInt8(ascii: "-")) }
                            Self.digits(Int(value.magnitude), into: &digits)
                            out.put(digits)
                        } else {
                            out.put(Array(String(value).utf8))
                        }
                        out.put("</v></c>")
                    case .empty:
                        out.put("\"/>")
                    }
                }
                out.put("</row>")
            }
            out.put("</sheetData>")
            out.put(merges)
            out.put("</worksheet>")
            count = out.count
            precondition(count <= capacity, "sheet XML overran its estimate")
        }
    }

    /// Whether UTF-8 text goes into XML as it is: no markup character, no control character, and neither U+FFFE nor
    /// U+FFFF (EF BF BE, EF BF BF), the only other characters XML 1.0 forbids that valid UTF-8 can hold.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                return false
            }
            if byte == 0xEF, i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
            i += 1
        }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The decimal digits of a non-negative `value` (up to 15 digits) packed into an integer, most significant first,
    /// with their count: a row number is written once per cell without building a string.
    static func digits(_ value: Int, into packed: inout (UInt64, Int)) {
        var magnitude = value, reversed: UInt64 = 0, count = 0
        repeat {
            reversed = reversed << 4 | UInt64(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        packed = (reversed, count)
    }

    /// Writes into memory the caller has sized; the sheet's estimate guarantees the room.
    struct ByteWriter {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

        @inline(__always) mutating func put(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        @inline(__always) mutating func put(_ text: StaticString) {
            (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            count += text.utf8CodeUnitCount
        }

        @inline(__always) mutating func put(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { raw in
                (base + count).update(from: raw.baseAddress!, count: raw.count)
            }
            count += bytes.count
        }

        /// Packed digits from `XLSXWorkbook.digits`, last digit in the low four bits.
        @inline(__always) mutating func put(_ digits: (UInt64, Int)) {
            var packed = digits.0
            for _ in 0..<digits.1 {
                put(UInt8(ascii: "0") + UInt8(packed & 0xF))
                packed >>= 4
            }
        }

        /// Plain text is copied as its UTF-8 bytes; text with markup characters or characters XML forbids takes the
        /// careful path.
        mutating func putEscaped(_ text: String) {
            var copy = text
            let plain = copy.withUTF8 { raw -> Bool in
                guard let source = raw.baseAddress else { return true }
                if !XLSXWorkbook.isPlain(raw) { return false }
                (base + count).update(from: source, count: raw.count)
                count += raw.count
                return true
            }
            if !plain {
                var escaped = XLSXWorkbook.escape(text)
                escaped.withUTF8 { raw in
                    (base + count).update(from: raw.baseAddress!, count: raw.count)
                    count += raw.count
                }
            }
        }
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
