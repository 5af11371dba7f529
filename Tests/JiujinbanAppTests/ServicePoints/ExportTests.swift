import ConsoleKit
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor

@Suite("service-points export")
struct ExportTests {
    @Test("the county's points as CSV: header row, one row per point, required columns")
    func exportCSV() async throws {
        try await TestApp.run { app in
            let output = OutputCapture()
            let command = ServicePointsCommand(output: output.write)
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "export", "--county", "140830"]))
            context.application = app
            try await command.run(using: &context)
            let lines = output.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 173) // header, 171 points of attachment 2, the demonstration bank branch
            let header = lines[0].components(separatedBy: ",")
            for column in ["code", "township", "name", "kind", "institution", "address", "longitude", "latitude", "farthest_km", "status"] {
                #expect(header.contains(column))
            }
            let lingHua = try #require(lines.first { $0.hasPrefix("14083010001901,") })
            #expect(lingHua.contains(",古魏镇,令花社区,"))
            #expect(lingHua.contains("令花社区党群服务中心"))
        }
    }

    @Test("an unknown county or a bad code is refused with a message")
    func badCounty() async throws {
        try await TestApp.run { app in
            for county in ["149999", "abc", "140830100000"] {
                let command = ServicePointsCommand(output: { _ in })
                var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "export", "--county", county]))
                context.application = app
                await #expect(throws: PublicError.self) { try await command.run(using: &context) }
            }
        }
    }

    @Test("spreadsheet formulas in user text are neutralised")
    func formulaInjection() {
        #expect(CSVTable.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVTable.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVTable.cell("-12.5") == "-12.5")
        #expect(CSVTable.cell("古魏镇,令花") == "\"古魏镇,令花\"")
    }
}

/// Collects what a command writes to its output.
final class OutputCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    var write: @Sendable (Data) -> Void { { [self] chunk in lock.withLock { data.append(chunk) } } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
