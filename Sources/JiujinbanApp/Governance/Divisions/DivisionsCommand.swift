import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban divisions import --file F.csv [--dry-run]`: loads the NBS 统计用区划代码 list (`DivisionList` says the
/// format and the rules). It is the only way a root division — the province — comes into a database, which is why
/// production starts with it (README, "Production start"). The whole file is checked first, against itself and the
/// database in the same transaction, and refused with every bad line named; a good file is written in that one
/// transaction with one audit row, so an import never stops half way. Importing the same file again changes nothing.
/// The example is Ruicheng's list (with its province and city) in the source tree, which the demonstration data
/// loads too. There is deliberately no command that prints it: every command opens the database, and one run
/// without `--env production` would load the demonstration data into a production folder.
struct DivisionsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import：导入区划文件") var action: String
        @Option(name: "file", help: "区划 CSV（UTF-8，首行列名：code,name,level,parent_code，可选 short_name,urban_rural_code）")
        var file: String?
        @Flag(name: "dry-run", help: "只检查并报告将新增和改名的区划，不写入") var dryRun: Bool
    }

    /// Where the shipped example lives in the source tree (README, production start).
    static let examplePath = "Sources/JiujinbanApp/Assets/demo/ruicheng-divisions.csv"

    var help: String { "导入统计用区划代码（省级区划只能由此导入）；示例：\(Self.examplePath)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else {
            throw PublicError(.badRequest, "未知操作“\(signature.action)”：应为 import")
        }
        try await importFile(signature, context: context)
    }

    private func importFile(_ signature: Signature, context: CommandContext) async throws {
        let app = context.application
        guard let path = signature.file, !path.isEmpty else {
            throw PublicError(.badRequest, "请用 --file 指定区划 CSV 文件（示例：\(Self.examplePath)）")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PublicError(.badRequest, "--file：无法读取文件 \(path)")
        }
        let fileName = AuditDetail.sanitized((path as NSString).lastPathComponent, maximumLength: 60)
        guard let text = String(data: data, encoding: .utf8) else {
            try await DivisionImport.auditRefusal(file: fileName, problems: ["文件不是 UTF-8 编码"], app: app)
            throw PublicError(.badRequest, "未导入任何区划：文件不是 UTF-8 编码（从 Excel 保存时请选“CSV UTF-8”）")
        }
        switch try await DivisionImport.run(text, file: fileName, dryRun: signature.dryRun, app: app) {
        case .failure(let problems):
            try await DivisionImport.auditRefusal(file: fileName, problems: problems.lines, app: app)
            let shown = problems.lines.prefix(200).joined(separator: "\n")
            let more = problems.lines.count > 200 ? "\n……另有 \(problems.lines.count - 200) 处" : ""
            throw PublicError(.badRequest, "未导入任何区划：文件有 \(problems.lines.count) 处错误\n\(shown)\(more)")
        case .success(let plan):
            for change in plan.changes {
                context.console.output("第\(change.line)行：\(change.after.code.value) \(change.before.name)（\(change.before.shortName)）→ \(change.after.name)（\(change.after.shortName)）".consoleText())
            }
            let verb = signature.dryRun ? "检查通过（未写入）" : "已导入"
            context.console.output("\(verb) \(fileName)：\(plan.summary)".consoleText())
        }
    }
}

/// The import's work against the database, apart from the command line so tests and the command share it.
enum DivisionImport {
    /// Checks the file against the stored divisions and, unless `dryRun`, writes it, all in one transaction.
    static func run(_ text: String, file: String, dryRun: Bool, app: Application) async throws
        -> Result<DivisionList.Plan, DivisionList.Problems> {
        if dryRun { return DivisionList.plan(text, stored: try await stored(on: app.db)) }
        let services = app.jiujinban
        return try await services.writer.write(on: app.db) { db in
            let result = DivisionList.plan(text, stored: try await stored(on: db))
            guard case .success(let plan) = result else { return result }
            for start in stride(from: 0, to: plan.additions.count, by: 500) {
                let batch = plan.additions[start..<min(start + 500, plan.additions.count)].map { entry in
                    Division(code: entry.code.value, name: entry.name, shortName: entry.shortName, level: entry.level,
                             parentCode: entry.parentCode?.value, urbanRuralCode: entry.urbanRuralCode)
                }
                try await batch.create(on: db)
            }
            for change in plan.changes {
                guard let division = try await Division.find(change.after.code.value, on: db) else { continue }
                division.name = change.after.name
                division.shortName = change.after.shortName
                division.urbanRuralCode = change.after.urbanRuralCode
                try await division.update(on: db)
            }
            try await AuditTrail.record(
                AuditEvent("divisions.import", objectType: "division_list", objectID: file,
                           detail: "命令 divisions import 导入 \(file)：\(plan.summary)"),
                by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
            return result
        }
    }

    /// A refused file is audited too (nothing else is written).
    static func auditRefusal(file: String, problems: [String], app: Application) async throws {
        let services = app.jiujinban
        try await services.writer.write(on: app.db) { db in
            try await AuditTrail.record(
                AuditEvent("divisions.import", objectType: "division_list", objectID: file, result: .failed,
                           detail: "命令 divisions import 拒绝 \(file)：\(problems.count) 处错误，首处：\(problems.first ?? "")"),
                by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
        }
    }

    /// Every stored division as the rules see it, by code.
    static func stored(on db: any Database) async throws -> (DivisionCode) -> DivisionList.Entry? {
        var byCode: [DivisionCode: DivisionList.Entry] = [:]
        for division in try await Division.query(on: db).all() {
            guard let code = try? DivisionCode(division.id ?? ""), let level = DivisionLevel(rawValue: division.level) else { continue }
            byCode[code] = DivisionList.Entry(
                code: code, name: division.name, shortName: division.shortName, level: level,
                parentCode: division.parentCode.flatMap { try? DivisionCode($0) }, urbanRuralCode: division.urbanRuralCode)
        }
        return { [byCode] in byCode[$0] }
    }
}
