import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor

/// Issue 19, finding 10: production starts from an empty database, so the division list must load from a file.
@Suite("divisions import: the NBS list from a CSV file, all or nothing, idempotent, audited")
struct DivisionImportTests {
    static var example: String {
        get throws { try String(contentsOf: try StaticAssets.resourceURL("demo/ruicheng-divisions.csv"), encoding: .utf8) }
    }

    /// Runs a command as the command line would, on a file holding `text`.
    func command(_ app: Application, _ command: any AsyncCommand, _ arguments: [String], file text: String? = nil) async throws {
        var arguments = arguments
        if let text {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("divisions-\(UUID().uuidString).csv")
            try Data(text.utf8).write(to: file)
            arguments += ["--file", file.path]
        }
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
        context.application = app
        try await command.run(using: &context)
    }

    /// Every stored division's facts and its last update time.
    func snapshot(_ app: Application) async throws -> [String] {
        try await Division.query(on: app.db).sort(\.$id).all().map {
            "\($0.id ?? "") \($0.name) \($0.shortName) \($0.urbanRuralCode ?? "") \($0.updatedAt?.timeIntervalSince1970 ?? 0)"
        }
    }

    func refusal(_ app: Application, file text: String) async throws -> String {
        do {
            try await command(app, DivisionsCommand(), ["import"], file: text)
        } catch let error as PublicError {
            return error.reason
        }
        Issue.record("the import was not refused")
        return ""
    }

    @Test("an empty database: bootstrap-admin says to import first; the shipped list imports; bootstrap-admin then works")
    func productionStart() async throws {
        try await TestApp.run(demo: false) { app in
            let admin = ["--name", "王建华", "--id-number", "140100197503120310", "--phone", "13903590001"]
            await #expect(throws: PublicError.self) { try await command(app, BootstrapAdminCommand(), admin) }
            try await command(app, DivisionsCommand(), ["import"], file: try Self.example)
            var levels: [DivisionLevel: Int] = [:]
            for division in try await Division.query(on: app.db).all() { levels[DivisionLevel(rawValue: division.level)!, default: 0] += 1 }
            #expect(levels == [.province: 1, .city: 1, .county: 1, .township: 10, .village: 145, .community: 16])
            let village = try #require(try await Division.find("140830100204", on: app.db))
            #expect(village.parentCode == "140830100000" && village.urbanRuralCode != nil)
            try await command(app, BootstrapAdminCommand(), admin)
            #expect(try await AccountRecord.query(on: app.db).all().map(\.unitDivisionCode) == ["140000000000"])
            #expect(try await auditCount("divisions.import", result: "success", on: app) == 1)
        }
    }

    @Test("importing the same file twice changes nothing; so does importing it over the demonstration data")
    func idempotent() async throws {
        try await TestApp.run(demo: false) { app in
            try await command(app, DivisionsCommand(), ["import"], file: try Self.example)
            let before = try await snapshot(app)
            let again = try await DivisionImport.run(try Self.example, file: "again.csv", dryRun: false, app: app).get()
            #expect(again.additions.isEmpty && again.changes.isEmpty && again.unchanged == 174)
            #expect(again.summary == "新增 0 个，改名 0 个，其他更新 0 个，未变 174 个")
            let after = try await snapshot(app)
            #expect(after == before)
        }
        try await TestApp.run { app in
            let plan = try await DivisionImport.run(try Self.example, file: "demo.csv", dryRun: false, app: app).get()
            #expect(plan.additions.isEmpty && plan.changes.isEmpty && plan.unchanged == 174)
        }
    }

    @Test("a file with one bad line writes nothing, names the line, and the refusal is audited")
    func allOrNothing() async throws {
        try await TestApp.run(demo: false) { app in
            var lines = try Self.example.split(whereSeparator: \.isNewline).map(String.init)
            lines[101] = lines[101].replacingOccurrences(of: ",village,", with: ",hamlet,")
            let reason = try await refusal(app, file: lines.joined(separator: "\n"))
            #expect(reason.contains("未导入任何区划：文件有 1 处错误"))
            #expect(reason.contains("第102行：层级“hamlet”未知"))
            #expect(try await Division.query(on: app.db).count() == 0)
            #expect(try await auditCount("divisions.import", result: "failed", on: app) == 1)
            #expect(try await auditCount("divisions.import", result: "success", on: app) == 0)
            // Not UTF-8 (a GBK export): refused as such.
            let gbk = FileManager.default.temporaryDirectory.appendingPathComponent("divisions-\(UUID().uuidString).csv")
            try Data([0x63, 0x6F, 0x64, 0x65, 0x0A, 0xC9, 0xBD, 0xCE, 0xF7]).write(to: gbk)
            await #expect(throws: PublicError.self) { try await command(app, DivisionsCommand(), ["import", "--file", gbk.path]) }
            #expect(try await auditCount("divisions.import", result: "failed", on: app) == 2)
        }
    }

    @Test("a later file renames and adds; a level or parent change is refused with the line named; --dry-run writes nothing")
    func laterFile() async throws {
        try await TestApp.run { app in
            let later = """
                code,name,short_name,level,parent_code
                140830100204,太安新村村委会,太安新村,village,140830100000
                140830100299,新建村村委会,新建村,village,140830100000
                """
            let dry = try await DivisionImport.run(later, file: "later.csv", dryRun: true, app: app).get()
            #expect(dry.summary == "新增 1 个，改名 1 个，其他更新 0 个，未变 0 个")
            #expect(try await Division.find("140830100299", on: app.db) == nil)
            try await command(app, DivisionsCommand(), ["import"], file: later)
            #expect(try await Division.find("140830100204", on: app.db)?.shortName == "太安新村")
            #expect(try await Division.find("140830100299", on: app.db)?.parentCode == "140830100000")
            // A row stored by an older version under the wrong parent: the file may not move it silently.
            try await Division(code: "140830100398", name: "错挂村委会", shortName: "错挂村", level: .village,
                               parentCode: "140830000000").create(on: app.db)
            let moved = try await refusal(app, file: "code,name,level,parent_code\n140830100397,甲村,village,140830100000\n140830100398,错挂村委会,village,140830100000\n")
            #expect(moved.contains("第3行：区划代码 140830100398 在系统中的上级区划是 140830000000，文件中是 140830100000：导入不能改变上级区划"))
            #expect(try await Division.find("140830100397", on: app.db) == nil)
        }
    }

    @Test("a missing file names the shipped example; an unknown action is refused; both write nothing")
    func usage() async throws {
        try await TestApp.run(demo: false) { app in
            func reason(_ arguments: [String]) async throws -> String {
                do { try await command(app, DivisionsCommand(), arguments) } catch let error as PublicError { return error.reason }
                return ""
            }
            #expect(try await reason(["import"]).contains(DivisionsCommand.examplePath))
            #expect(try await reason(["import", "--file", "/nonexistent/x.csv"]).contains("无法读取文件"))
            #expect(try await reason(["example"]).contains("应为 import"))
            #expect(try await Division.query(on: app.db).count() == 0)
            // The path the README and the messages name is the file the demonstration data loads.
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let shipped = try String(contentsOf: repository.appendingPathComponent(DivisionsCommand.examplePath), encoding: .utf8)
            #expect(try shipped == Self.example)
        }
    }
}
