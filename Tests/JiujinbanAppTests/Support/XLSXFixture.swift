import Foundation
import ZIPFoundation

/// A minimal .xlsx workbook of one sheet, as spreadsheet programs write it: text cells alternately as shared
/// strings and inline strings, short plain numbers as number cells (so the reader sees all three kinds).
enum XLSXFixture {
    static func write(_ rows: [[String]], to url: URL) throws {
        var shared: [String] = []
        var sheet = ""
        for (rowIndex, row) in rows.enumerated() {
            sheet += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, value) in row.enumerated() where !value.isEmpty {
                let reference = column(columnIndex) + "\(rowIndex + 1)"
                if value.count <= 9, Double(value) != nil {
                    sheet += "<c r=\"\(reference)\"><v>\(value)</v></c>"
                } else if (rowIndex + columnIndex) % 2 == 0 {
                    sheet += "<c r=\"\(reference)\" t=\"s\"><v>\(shared.count)</v></c>"
                    shared.append(value)
                } else {
                    sheet += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped(value))</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId7"/></sheets></workbook>
                """),
            // The sheet's part is not called sheet1.xml: the reader must follow the relationship.
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>
                """),
            ("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(shared.count)" uniqueCount="\(shared.count)">
                """ + shared.map { "<si><t>\(escaped($0))</t></si>" }.joined() + "</sst>"),
            ("xl/worksheets/data.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(sheet)</sheetData></worksheet>
                """),
        ]
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func column(_ index: Int) -> String {
        var index = index + 1, letters = ""
        while index > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (index - 1) % 26))) + letters
            index = (index - 1) / 26
        }
        return letters
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
