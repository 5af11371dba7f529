import Foundation
@testable import JiujinbanApp
import JiujinbanTools
import Testing
import Vapor

/// The benchmark and data commands live in `JiujinbanTools`: the product library alone does not offer them, and the
/// executable's hook adds them to the same command line the scripts call.
@Suite("Tools: generate-data and bench-* come from JiujinbanTools")
struct ToolsCommandsTests {
    static let toolCommands = ["generate-data", "bench-matching", "bench-lookup"]

    @Test("the product library registers none of them; the tools' hook registers all of them")
    func hook() async throws {
        try await TestApp.run(demo: false) { app in
            let product = Set(app.asyncCommands.commands.keys)
            #expect(product.isDisjoint(with: Self.toolCommands))
            #expect(product.isSuperset(of: ["divisions", "bootstrap-admin", "backup"]))
            JiujinbanTools.registerCommands(app)
            #expect(Set(app.asyncCommands.commands.keys).isSuperset(of: Self.toolCommands))
        }
    }
}
