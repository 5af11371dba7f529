import Foundation
@testable import JiujinbanApp
import Testing
import VaporTesting

/// The Content-Security-Policy says `style-src 'self'`: an inline `style` attribute is refused by the browser (the map's
/// side list once lost its coloured dots this way, 171 console errors). No page may write one, and the map page,
/// the pages' shell and the icon answer as a browser expects.
@Suite("Pages stay within the Content-Security-Policy")
struct InlineStyleScanTests {
    @Test("no source of the application writes a style attribute or a <style> element")
    func noInlineStyles() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")
        let patterns = [#"named:\s*"style""#, #"\.style\("#, #"style=\\?""#, #"<style"#]
            .map { try! NSRegularExpression(pattern: $0) }
        var found: [String] = []
        var scanned = 0
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            scanned += 1
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let range = NSRange(line.startIndex..., in: line)
                if patterns.contains(where: { $0.firstMatch(in: String(line), range: range) != nil }) {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(scanned > 200)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the map page draws its list's dots by class, and /favicon.ico answers with an icon to anyone")
    func mapAndIcon() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.testing().test(.GET, "/reports/map", headers: admin.headers) { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("style="))
                #expect(res.body.string.contains("dot dot-"))
                #expect(res.body.string.contains(#"rel="icon""#))
            }
            try await app.testing().test(.GET, "/favicon.ico") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("image/x-icon") == true)
                #expect(Array(res.body.readableBytesView.prefix(4)) == [0, 0, 1, 0])
            }
        }
    }
}
