import Foundation
import Testing

/// `Platform/` is what every feature stands on (identity, the audit trail, the division hierarchy, layout, database,
/// routing); it names no type a feature or service group declares. Features reach it through `Feature`, `SiteURL`
/// extensions, `PageExtras` and the closures they hand it, never the other way round: no Platform file names a
/// feature's type, links to a feature's page, reads a feature's table or uses a member `App/` adds to Vapor.
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

    // MARK: - Identifiers other than types

    /// Whether a file lies under `Platform/`.
    static func isPlatform(_ file: URL) -> Bool {
        file.path.hasPrefix(app.appendingPathComponent("Platform").path + "/")
    }

    static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = []) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern, options: options)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
            .map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    /// The static members of `SiteURL` declared in `files` (`static let home`, `static func caseFile(id:)`).
    static func siteURLMembers(in files: [URL]) throws -> Set<String> {
        var names: Set<String> = []
        for file in files {
            for block in try extensionBodies(of: "SiteURL", in: code(file)) {
                names.formUnion(try matches(#"static\s+(?:let|var|func)\s+(\w+)"#, in: block))
            }
        }
        return names
    }

    /// The members a file adds to Vapor's `Application` and `Request` (`req.jiujinban`, `app.features`).
    static func applicationMembers(in files: [URL]) throws -> Set<String> {
        var names: Set<String> = []
        for file in files {
            let text = try code(file)
            for type in ["Application", "Request"] {
                for block in try extensionBodies(of: type, in: text) {
                    names.formUnion(try matches(#"^    (?:public |package )?(?:static )?(?:var|func)\s+(\w+)"#, in: block,
                                                options: .anchorsMatchLines))
                }
            }
        }
        return names
    }

    /// The bodies of the `extension <type>` blocks of a file, by brace counting (the sources keep braces balanced
    /// outside string literals, which is enough here).
    static func extensionBodies(of type: String, in text: String) throws -> [String] {
        let start = try NSRegularExpression(pattern: #"^extension \#(type)\b[^{\n]*\{"#, options: .anchorsMatchLines)
        return start.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            var index = Range(match.range, in: text)!.upperBound
            var depth = 1
            while index < text.endIndex, depth > 0 {
                if text[index] == "{" { depth += 1 } else if text[index] == "}" { depth -= 1 }
                index = text.index(after: index)
            }
            return String(text[Range(match.range, in: text)!.upperBound..<index])
        }
    }

    /// The tables the migrations in `files` create (`schema("cases")…create()`, `CREATE TABLE`).
    static func createdTables(in files: [URL]) throws -> Set<String> {
        var names: Set<String> = []
        for file in files {
            let text = try code(file)
            names.formUnion(try matches(#"schema\("(\w+)"\)(?:(?!schema\()[\s\S])*?\.create\(\)"#, in: text))
            names.formUnion(try matches(#"CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"#, in: text))
        }
        return names
    }

    /// Tables a feature's migration created that the platform owns by use: `sequences` (the named counters of
    /// `SequenceAllocator`) came with the account applications (M0008), whose pinned migration cannot be split.
    static let platformTablesInFeatureMigrations: Set<String> = ["sequences"]

    @Test("no file under Platform/ links to a feature's page, reads a feature's table or uses what App/ adds to Vapor")
    func noFeatureIdentifiers() throws {
        let all = Self.swiftFiles(Self.app)
        let inside = all.filter(Self.isPlatform)
        let outside = all.filter { !Self.isPlatform($0) }
        let urls = try Self.siteURLMembers(in: outside).subtracting(Self.siteURLMembers(in: inside))
        let tables = try Self.createdTables(in: outside).subtracting(Self.createdTables(in: inside))
            .subtracting(Self.platformTablesInFeatureMigrations)
        let members = try Self.applicationMembers(in: outside).subtracting(Self.applicationMembers(in: inside))
        #expect(urls.count > 50 && tables.count > 20 && tables.contains("cases"), "the scan found the declarations")
        var found: [String] = []
        for file in inside {
            let text = try Self.code(file)
            let where_ = file.path.dropFirst(Self.app.path.count + 1)
            // A page: `SiteURL.home`, or the implicit member where a `SiteURL` is expected (`.seeOther(.login)`).
            let linked = try Set(Self.matches(#"SiteURL\.(\w+)"#, in: text)
                + Self.matches(#"[(:,\[]\s*\.(\w+)\b(?!\()"#, in: text))
            for name in linked.intersection(urls).sorted() { found.append("\(where_): SiteURL.\(name)") }
            // A table, as SQL names it.
            let sqlWords = try Set(Self.matches(#"(?:FROM|JOIN|INTO|UPDATE|TABLE|schema\(")\s*"?(\w+)"#, in: text,
                                                options: .caseInsensitive))
            for name in sqlWords.intersection(tables).sorted() { found.append("\(where_): table \(name)") }
            let used = try Set(Self.matches(#"\b(?:req|request|app|application)\.(\w+)"#, in: text))
            for name in used.intersection(members).sorted() { found.append("\(where_): .\(name)") }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
