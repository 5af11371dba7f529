import Foundation
import Testing

/// ARCHITECTURE.md says which target depends on what; when the code and the page disagree the page is wrong, so its
/// table of modules is read against `Package.swift`.
@Suite("ARCHITECTURE.md matches the package")
struct ArchitectureDocTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Each target of `Package.swift` with the targets and products it depends on (by name).
    static func packageTargets() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
            .split(separator: "\n").map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
        var targets: [String: Set<String>] = [:]
        for match in manifest.matches(of: /\.(?:target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"\s*,\s*dependencies:\s*\[([^\]]*)\]/) {
            let list = String(match.output.2).replacing(/package:\s*"[^"]*"/, with: "")
            targets[String(match.output.1)] = Set(list.matches(of: /"([^"]+)"/).map { String($0.output.1) })
        }
        return targets
    }

    /// The rows of the page's table of modules: the target (first cell) and what it depends on (last cell).
    static func documentedTargets() throws -> [String: Set<String>] {
        let page = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        var targets: [String: Set<String>] = [:]
        for line in page.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = cells.first?.trimmingCharacters(in: CharacterSet(charactersIn: "`")), let last = cells.last else { continue }
            targets[name] = Set(last.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")) }
                .filter { !$0.isEmpty && $0 != "—" })
        }
        return targets
    }

    @Test("every target of Package.swift is in the table of modules, with exactly its dependencies")
    func tableMatchesPackage() throws {
        let package = try Self.packageTargets()
        let documented = try Self.documentedTargets()
        #expect(package.count >= 6 && package["JiujinbanApp"]?.contains("Vapor") == true, "the manifest was read")
        #expect(Set(documented.keys) == Set(package.keys))
        for (target, dependencies) in package.sorted(by: { $0.key < $1.key }) {
            #expect(documented[target] == dependencies, "\(target): the page says \(documented[target]?.sorted() ?? []), Package.swift \(dependencies.sorted())")
        }
    }
}
