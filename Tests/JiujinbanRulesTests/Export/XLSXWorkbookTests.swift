import Foundation
import JiujinbanRules
import Testing

@Suite("Excel (.xlsx) and ZIP writing")
struct XLSXWorkbookTests {
    @Test("cell references run A…Z, AA…")
    func references() {
        #expect(XLSXWorkbook.reference(row: 0, column: 0) == "A1")
        #expect(XLSXWorkbook.reference(row: 9, column: 25) == "Z10")
        #expect(XLSXWorkbook.reference(row: 0, column: 26) == "AA1")
        #expect(XLSXWorkbook.reference(row: 1, column: 701) == "ZZ2")
        #expect(XLSXWorkbook.reference(row: 1, column: 702) == "AAA2")
    }

    @Test("the CRC is the standard one (check value of 123456789), at every length the 8-byte slicing meets")
    func crc() {
        #expect(CRC32Probe.value(Array("123456789".utf8)) == 0xCBF4_3926)
        // A bit-by-bit reference on texts of 0…40 bytes: every tail length after the 8-byte steps.
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            }
            return crc ^ 0xFFFF_FFFF
        }
        for length in 0...40 {
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + ($0 * 7) % 26))) })
            #expect(CRC32Probe.value(Array(text.utf8)) == reference(Array(text.utf8)), "length \(length)")
        }
    }

    @Test("a workbook reads back: parts, merged header, typed cells, escaped text")
    func readBack() throws {
        var book = XLSXWorkbook(sheetName: "问题台账")
        book.appendHeader(["服务点数", "", "备注"])
        book.merge(.init(rows: 0...0, columns: 0...1))
        book.append([.number(171), .number(10.5), .text("=1+1 <b>&\u{0001}")])
        let files = try #require(ZipArchive.read(book.bytes))
        #expect(Set(files.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                    "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        let sheet = String(decoding: try #require(files["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(sheet.contains("<mergeCell ref=\"A1:B1\"/>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"2\"><v>171</v></c>") && sheet.contains("<v>10.5</v>"))
        #expect(sheet.contains("=1+1 &lt;b&gt;&amp;</t>"))
        #expect(!sheet.contains("<f>"))
        let workbook = String(decoding: try #require(files["xl/workbook.xml"]), as: UTF8.self)
        #expect(workbook.contains("name=\"问题台账\""))
        // A damaged archive is refused.
        var damaged = book.bytes
        damaged[80] ^= 0xFF
        #expect(ZipArchive.read(damaged) == nil || ZipArchive.read(damaged) != files)
    }
}

/// The CRC through the archive: one stored entry's checksum field.
enum CRC32Probe {
    static func value(_ bytes: [UInt8]) -> UInt32 {
        var zip = ZipArchive()
        zip.add("x", String(decoding: bytes, as: UTF8.self))
        let archive = zip.bytes
        return UInt32(archive[14]) | UInt32(archive[15]) << 8 | UInt32(archive[16]) << 16 | UInt32(archive[17]) << 24
    }
}
