import Foundation
import Testing

/// Issue 19, finding 6: no page may write an unescaped attribute. Plot writes attribute values as given; this
/// module declares every Plot API that writes a free string into an attribute again, escaping, in
/// Platform/Layout/EscapedAttributes.swift (same signature, so the compiler takes the module's own). This test
/// reads the sources and names, file:line, anything that would get around that file.
@Suite("No raw attribute can be written (issue 19, finding 6)")
struct RawAttributeScanTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")
    static let helperFile = "Platform/Layout/EscapedAttributes.swift"

    /// Plot's APIs that put a caller's string into an attribute value (Plot 0.14: HTMLAttributes.swift,
    /// HTMLComponents.swift, Attribute.swift, Node.swift). APIs taking only enums, numbers or booleans are left out.
    static let plotStringAttributeAPIs: Set<String> = [
        "attribute", "id", "class", "data", "title", "name", "type", "value", "href", "src", "datetime", "action", "for",
        "placeholder", "label", "style", "alt", "content", "property", "ariaLabel", "ariaControls", "integrity", "srcset",
        "media", "sizes", "color", "allow", "onclick", "url", "siteName", "description", "socialImageLink",
        "twitterUsername", "favicon", "rssFeedLink", "stylesheet",
    ]

    /// Raw nodes that may stay, each a document built and escaped elsewhere.
    static let allowedRaw = [
        "Platform/Layout/Plot+Helpers.swift": ".raw(HTMLEscaping.text(text))", // the escaping `.text` itself
        "Governance/Login/LoginPage.swift": ".raw(model.qrSVG)", // QRCode.svg: no text but its escaped title
        "Governance/MonthlyReport/PointMapPage.swift": ".raw(map.svg(", // ServicePointMap.svg escapes every label
    ]

    struct Violation: CustomStringConvertible {
        let file: String, line: Int, problem: String, text: String
        var description: String { "\(file):\(line): \(problem)\n    \(text.trimmingCharacters(in: .whitespaces))" }
    }

    static func swiftFiles() throws -> [(path: String, lines: [Substring])] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, [Substring])] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(sources.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The names EscapedAttributes.swift declares again (empty when the file is missing).
    static func escapedNames() -> Set<String> {
        guard let text = try? String(contentsOf: sources.appendingPathComponent(helperFile), encoding: .utf8) else { return [] }
        return Set(text.matches(of: /static func `?(\w+)`?\(/).map { String($0.1) })
    }

    static func violations() throws -> [Violation] {
        let escaped = escapedNames()
        var found: [Violation] = []
        for (path, lines) in try swiftFiles() where path != helperFile {
            let usesPlot = lines.contains { $0.hasPrefix("import Plot") }
            for (index, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                func flag(_ problem: String) { found.append(Violation(file: path, line: index + 1, problem: problem, text: String(line))) }
                if code.contains(/\bAttribute(<[^>]*>)?\(name:/) || code.contains(/\.init\(name:[^)]*value:/) {
                    flag("builds a Plot Attribute directly: its value is written unescaped; use the helpers in \(helperFile)")
                }
                if code.contains("HTMLEscaping.attributeValue(") {
                    flag("escapes an attribute value by hand: the attribute helpers escape already, so this shows `&amp;quot;`")
                }
                guard usesPlot else { continue }
                // A raw node is `.raw(` after a space, `(` or `,`; `sql.raw(`, `SQLDatabase).raw(` are queries.
                if code.contains(/(^|[^\w)\]])\.raw\(/), !(allowedRaw[path].map(code.contains) ?? false) {
                    flag("writes raw markup: text in it is not escaped; build it from nodes")
                }
                for match in code.matches(of: /\.(\w+)\(([^)]?)/) {
                    let name = String(match.1), next = String(match.2)
                    guard plotStringAttributeAPIs.contains(name), !escaped.contains(name) else { continue }
                    // `.type(.submit)`: enum values are constants; `.label(.text(…))` is the <label> element.
                    if (name == "type" || name == "label") && (next == "." || next.isEmpty) { continue }
                    flag("Plot's `.\(name)(…)` writes its value unescaped and has no escaping declaration in \(helperFile)")
                }
            }
        }
        return found
    }

    @Test("every attribute goes through the escaping helpers: no raw Plot attribute API, no Attribute(name:), no raw markup")
    func noRawAttributes() throws {
        let found = try Self.violations()
        let listed = found.prefix(60).map(\.description).joined(separator: "\n")
        if !found.isEmpty { Issue.record("\(found.count) unescaped attribute writers:\n\(listed)") }
    }

    @Test("the scan sees the sources and knows Plot's attribute APIs (it cannot pass by reading nothing)")
    func scanReadsSources() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 100)
        let uses = files.flatMap(\.lines).filter { $0.contains(".href(") }.count
        #expect(uses > 50)
        #expect(Self.escapedNames().isSuperset(of: ["attribute", "href", "value", "class", "id", "name", "title", "action"]))
    }
}
