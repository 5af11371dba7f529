import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JiujinbanRules
import ZIPFoundation

/// The first sheet of an .xlsx workbook as rows of text, numbered as the spreadsheet numbers them.
///
/// An .xlsx file is a ZIP of XML parts: `xl/workbook.xml` names the sheets, `xl/_rels/workbook.xml.rels` where each
/// sheet's part is, `xl/sharedStrings.xml` the strings cells point to, and the sheet part its rows. ZIPFoundation
/// unpacks the parts and Foundation's streaming `XMLParser` reads them (no DOM: a sheet of a million rows stays one
/// pass). Cells: shared strings (`t="s"`), inline strings (`t="inlineStr"`), formula strings (`t="str"`), booleans and
/// numbers, the latter as written in the file (so ID numbers and dates must be text cells, as the format says).
enum XLSXSheet {
    struct Unreadable: Error {
        let message: String
    }

    static func records(of url: URL) throws -> [CSVReader.Record] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Unreadable(message: "不是有效的 .xlsx 文件（无法按 ZIP 打开）")
        }
        let strings: [String] = try part("xl/sharedStrings.xml", of: archive).map { data -> [String] in
            let reader = SharedStringsReader()
            try parse(data, with: reader, part: "sharedStrings.xml")
            return reader.strings
        } ?? []
        let sheetPath = try firstSheetPath(in: archive)
        guard let sheet = try part(sheetPath, of: archive) else {
            throw Unreadable(message: "工作簿中找不到第一个工作表（\(sheetPath)）")
        }
        let reader = SheetReader(strings: strings)
        try parse(sheet, with: reader, part: sheetPath)
        if let problem = reader.problem { throw Unreadable(message: problem) }
        return reader.records
    }

    private static func part(_ path: String, of archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        data.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw Unreadable(message: "工作簿的 \(path) 已损坏，无法解压")
        }
        return data
    }

    /// The part of the workbook's first sheet, through the workbook's relationships.
    private static func firstSheetPath(in archive: Archive) throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try part("xl/workbook.xml", of: archive),
              let relations = try part("xl/_rels/workbook.xml.rels", of: archive) else { return fallback }
        let sheets = AttributeCollector(element: "sheet")
        try parse(workbook, with: sheets, part: "workbook.xml")
        let links = AttributeCollector(element: "Relationship")
        try parse(relations, with: links, part: "workbook.xml.rels")
        guard let id = sheets.found.first?["r:id"],
              let target = links.found.first(where: { $0["Id"] == id })?["Target"] else { return fallback }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    private static func parse(_ data: Data, with delegate: any XMLParserDelegate, part: String) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw Unreadable(message: "工作簿的 \(part) 不是有效的 XML（第\(parser.lineNumber)行）")
        }
    }
}

/// The attributes of every `element`.
private final class AttributeCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `<si>` items: the text of their `<t>` elements, rich-text runs joined, phonetic guides (`<rPh>`) left out.
private final class SharedStringsReader: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// Rows of `<c>` cells placed by their reference (`B5`), gaps filled with empty text.
private final class SheetReader: NSObject, XMLParserDelegate {
    let strings: [String]
    var records: [CSVReader.Record] = []
    var problem: String?
    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var type = ""
    private var value = ""
    private var collecting = false

    init(strings: [String]) { self.strings = strings }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            column = 0
        case "c":
            column = attributes["r"].flatMap(Self.columnIndex) ?? column
            type = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            var text = value
            if type == "s" {
                guard let index = Int(value), strings.indices.contains(index) else {
                    problem = problem ?? "第\(rowNumber)行：单元格引用了不存在的共享字符串“\(value)”"
                    return
                }
                text = strings[index]
            }
            while cells.count < column { cells.append("") }
            if cells.count == column { cells.append(text) } else { cells[column] = text }
            column += 1
        case "row":
            if cells.contains(where: { !$0.isEmpty }) { records.append(CSVReader.Record(line: rowNumber, fields: cells)) }
        default: break
        }
    }

    /// `B5` → 1; `AA10` → 26.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
