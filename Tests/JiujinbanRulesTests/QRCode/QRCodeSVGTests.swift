import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import JiujinbanRules

@Suite("SVG rendering")
struct QRCodeSVGTests {
    /// Collects what the assertions need while proving, by parsing at all, that the document is well-formed.
    final class SVGReader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var rootAttributes: [String: String] = [:]
        var pathData: [String] = []
        var title = ""
        private var inTitle = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if elements.isEmpty { rootAttributes = attributes }
            elements.append(name)
            if name == "path", let d = attributes["d"] { pathData.append(d) }
            inTitle = name == "title"
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            inTitle = false
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { title += string }
        }
    }

    static func read(_ svg: String) throws -> SVGReader {
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = SVGReader()
        parser.delegate = reader
        let parsed = parser.parse()
        try #require(parsed, "not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }

    /// Paints every `M x y h w v1 h-w z` rectangle of the path back onto a grid of the symbol's size.
    static func rasterize(_ d: String, size: Int) throws -> [[Bool]] {
        var grid = Array(repeating: Array(repeating: false, count: size), count: size)
        let rectangles = d.split(separator: "M").map { String($0) }
        for rectangle in rectangles {
            let scanner = Scanner(string: rectangle)
            let x = try #require(scanner.scanInt()), y = try #require(scanner.scanInt())
            try #require(scanner.scanString("h") != nil)
            let width = try #require(scanner.scanInt())
            try #require(scanner.scanString("v1h-\(width)z") != nil && scanner.isAtEnd, "unexpected \(rectangle)")
            let row = y - QRCode.quietZoneModules, column = x - QRCode.quietZoneModules
            for offset in 0..<width {
                try #require(!grid[row][column + offset], "module painted twice")
                grid[row][column + offset] = true
            }
        }
        return grid
    }

    @Test("well-formed, one path, quiet zone and scaling as documented", arguments: [
        "Jiujinban", "就近办 电子社保卡 扫码登录", String(repeating: "办", count: 300),
    ])
    func structure(text: String) throws {
        let code = try QRCode(text: text)
        let svg = code.svg(moduleSize: 5)
        let reader = try Self.read(svg)
        let side = code.size + 8
        #expect(reader.elements.first == "svg")
        #expect(reader.elements.filter { $0 == "path" }.count == 1)
        #expect(reader.rootAttributes["viewBox"] == "0 0 \(side) \(side)")
        #expect(reader.rootAttributes["width"] == "\(side * 5)")
        #expect(reader.rootAttributes["height"] == "\(side * 5)")
        #expect(reader.rootAttributes["shape-rendering"] == "crispEdges")
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("<title"))
    }

    @Test("the path covers exactly the dark modules", arguments: ["Jiujinban", String(repeating: "扫码", count: 120)])
    func pathMatchesMatrix(text: String) throws {
        let code = try QRCode(text: text)
        let reader = try Self.read(code.svg())
        let d = try #require(reader.pathData.first)
        let painted = try Self.rasterize(d, size: code.size)
        var darkModules = 0
        for y in 0..<code.size {
            for x in 0..<code.size {
                #expect(painted[y][x] == code.isDark(x: x, y: y), "module (\(x), \(y))")
                if code.isDark(x: x, y: y) { darkModules += 1 }
            }
        }
        #expect(painted.joined().filter { $0 }.count == darkModules)
    }

    @Test("the title is escaped and survives parsing unchanged")
    func titleEscaping() throws {
        let title = #"扫码登录 <script>alert("x")</script> & 'quotes'"#
        let svg = try QRCode(text: "Jiujinban").svg(title: title)
        #expect(!svg.contains("<script"))
        let reader = try Self.read(svg)
        #expect(reader.title == title)
        #expect(reader.elements.filter { $0 == "path" }.count == 1)
    }

    @Test("control characters that XML forbids are dropped from the title")
    func titleControlCharacters() throws {
        let svg = try QRCode(text: "Jiujinban").svg(title: "line\u{0}one\u{1B}\ttwo")
        let reader = try Self.read(svg)
        #expect(reader.title == "lineone\ttwo")
    }
}
