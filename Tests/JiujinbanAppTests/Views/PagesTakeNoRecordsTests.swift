import Foundation
import Testing

/// Issue 21, deliverable 3, the other half: a page renders a plain value, not a database record. This test collects
/// every Fluent model type of the app (`class X: Model`) and names each file that renders HTML (imports Plot) and
/// still names one of them in code: as a parameter, a property, a dictionary's value or a local. Reaching a model
/// type's nested value or constant (`JobFairRecord.Period.allCases`, `AcceptancePhotoRecord.maximumCount`) is not a
/// record and passes; comments and string literals are not code.
@Suite("Pages render values, not records (issue 21)")
struct PagesTakeNoRecordsTests {

    static func swiftFiles() -> [(relative: String, text: String)] {
        let root = PagesRunNoQueriesTests.sources
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            files.append((String(url.path.dropFirst(root.path.count + 1)), text))
        }
        return files
    }

    /// The names of the app's Fluent models: `final class EmployerRecord: Model, @unchecked Sendable` and the like.
    static func modelTypes(_ files: [(relative: String, text: String)]) -> Set<String> {
        Set(files.flatMap { file in
            file.text.matches(of: /\bclass\s+(\w+)\s*:\s*(?:[\w.]+\s*,\s*)*Model\b/.wordBoundaryKind(.simple)).map { String($0.1) }
        })
    }

    /// The line without its comment and with its string literals emptied: what the compiler reads as names.
    static func code(_ line: Substring) -> String {
        let uncommented = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return uncommented.replacing(/"(?:[^"\\]|\\.)*"/, with: "\"\"")
    }

    /// `file:line: Type` for every page naming a model type other than to reach a nested value (`Type.`).
    static func violations(in files: [(relative: String, text: String)], exempt: Set<String>) -> [String] {
        let models = modelTypes(files)
        var found: [String] = []
        for file in files where !exempt.contains(file.relative) {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.contains(where: { $0.hasPrefix("import Plot") }) else { continue }
            for (index, line) in lines.enumerated() {
                let code = code(line)
                for name in code.matches(of: /\b([A-Z]\w*)\b(?!\s*\.)/.wordBoundaryKind(.simple)).map({ String($0.1) }) where models.contains(name) {
                    found.append("\(file.relative):\(index + 1): \(name)")
                }
            }
        }
        return found.sorted()
    }

    @Test("No page names a Fluent model type: the query builds a value and the page renders it")
    func pagesTakeValues() {
        let found = Self.violations(in: Self.swiftFiles(), exempt: [])
        #expect(found.isEmpty, "Build a plain value in the feature's query file and pass the page that:\n\(found.joined(separator: "\n"))")
    }

    @Test("The scan finds the models, and would catch a record as a parameter, a list or a dictionary's value")
    func scanCatchesRecords() {
        let files = Self.swiftFiles()
        #expect(Self.modelTypes(files).isSuperset(of: ["JobPostingRecord", "GigPostingRecord", "CitizenRecord", "ServicePoint"]))
        let model = (relative: "M.swift", text: "final class ThingRecord: Model, @unchecked Sendable {}")
        let page = (relative: "P.swift", text: """
            import Plot
            // A comment may name ThingRecord.
            enum P {
                static func a(_ thing: ThingRecord) -> String { "ThingRecord" }
                static func b(_ things: [ThingRecord], byID: [UUID: ThingRecord]) -> Int { ThingRecord.limit }
                static let periods = ThingRecord.Period.allCases
            }
            """)
        #expect(Self.violations(in: [model, page], exempt: []) == ["P.swift:4: ThingRecord", "P.swift:5: ThingRecord", "P.swift:5: ThingRecord"])
        #expect(Self.violations(in: [model, page], exempt: ["P.swift"]).isEmpty)
    }
}
