import Foundation
import Testing

/// `Platform/` is what every feature stands on (identity, the audit trail, the division hierarchy, layout, database,
/// routing); it names no type a feature or service group declares. Features reach it through `Feature`, `SiteURL`
/// extensions, `PageExtras` and the closures they hand it, never the other way round.
@Suite("Platform depends on no feature")
struct PlatformIndependenceTests {
    static let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")

    static func swiftFiles(_ root: URL) -> [URL] {
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// The code of a file without its comments.
    static func code(_ file: URL) throws -> String {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .map { line in line.range(of: " // ").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
    }

    static func declaredTypes(in files: [URL]) throws -> Set<String> {
        // Top-level declarations: a nested `Context` or `Result` of a feature is not a feature's type.
        let declaration = try NSRegularExpression(
            pattern: #"^(?:public |package |private |fileprivate |internal )?(?:final )?(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)"#,
            options: .anchorsMatchLines)
        var names: Set<String> = []
        for file in files {
            let text = try code(file)
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return names
    }

    @Test("no file under Platform/ names a type declared outside it")
    func noFeatureTypes() throws {
        let platform = Self.app.appendingPathComponent("Platform")
        let all = Self.swiftFiles(Self.app)
        let inside = all.filter { $0.path.hasPrefix(platform.path + "/") }
        let outside = all.filter { !$0.path.hasPrefix(platform.path + "/") }
        #expect(inside.count > 50 && outside.count > 100, "the scan found the sources")
        let foreign = try Self.declaredTypes(in: outside).subtracting(Self.declaredTypes(in: inside))
        var found: [String] = []
        let word = try NSRegularExpression(pattern: #"\b[A-Z]\w*"#)
        for file in inside {
            let text = try Self.code(file)
            let used = Set(word.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .map { String(text[Range($0.range, in: text)!]) })
            for name in used.intersection(foreign).sorted() {
                found.append("\(file.path.dropFirst(Self.app.path.count + 1)): \(name)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
