import Foundation
import Testing

/// Issue 21, deliverable 3: a page is a query that returns a plain value and a pure render of that value. This test
/// reads the sources and names every file that renders HTML (imports Plot) and also reaches the store: imports Fluent
/// or SQLKit, or mentions a query, a database or the request's database.
@Suite("No file that renders HTML runs a query (issue 21)")
struct PagesRunNoQueriesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")

    /// Files left to their owners for now, each with the reason: none.
    static let exempt: Set<String> = []

    /// What reaching the store looks like in this code base.
    static let storeMarks = [
        "import Fluent", "import SQLKit", "import FluentKit", ".query(on:", "SQLDatabase", "SQLRow", "req.db", "request.db",
        "on: db", "any Database", ".raw(\"", "on: req.db",
    ]

    static func violations() throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(sources.path.count + 1))
            guard !exempt.contains(relative) else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.contains(where: { $0.hasPrefix("import Plot") }) else { continue }
            for (index, line) in lines.enumerated() {
                // Comments may name the store (why a page does not query); code may not.
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                for mark in storeMarks where code.contains(mark) {
                    found.append("\(relative):\(index + 1): \(mark)")
                }
            }
        }
        return found.sorted()
    }

    @Test("Files importing Plot neither import Fluent/SQLKit nor touch a database")
    func pagesArePure() throws {
        let found = try Self.violations()
        #expect(found.isEmpty, "Move the query into the feature's use case and pass the page a value:\n\(found.joined(separator: "\n"))")
    }

    /// The files that render HTML and may hold the request: the page context gathers it once per page, the response
    /// helper and the error page turn a render into an answer, and the catalogue's controller renders its category list.
    static let takeTheRequest: Set<String> = [
        "Platform/Layout/PageContext.swift", "Platform/Layout/HTMLResponse.swift", "Platform/Errors/ErrorPage.swift",
        "Services/Catalogue/CatalogueController.swift",
    ]

    @Test("A page's render takes values, never the request (a request reaches the store through `req.db`)")
    func pagesTakeNoRequest() throws {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(Self.sources.path.count + 1))
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.contains(where: { $0.hasPrefix("import Plot") }), !Self.takeTheRequest.contains(relative) else { continue }
            for (index, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                for mark in [": Request", "req: req", "import Vapor"] where code.contains(mark) {
                    found.append("\(relative):\(index + 1): \(mark)")
                }
            }
        }
        #expect(found.isEmpty, "Read the request in the handler and pass the page a value:\n\(found.joined(separator: "\n"))")
    }

    @Test("The scan sees the sources (a scan of nothing would pass)")
    func scanReadsSources() throws {
        let pages = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(pages.count > 100)
    }
}
