import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban occupations load --file F.csv` / `jiujinban occupations list`: the 2022 edition's 8 major and 79 medium
/// groups are built in (M0019, M0027); the province loads a later edition's medium groups (中类, `4-03,…`) from the
/// official text, as `code,name` lines. The whole file is checked first and refused with every bad line named, so a
/// load never stops half way; a code already loaded takes the new name. Audited.
struct OccupationsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "load 或 list") var action: String
        @Option(name: "file", help: "职业分类中类 CSV（每行：代码,名称，如 4-03,住宿和餐饮服务人员）") var file: String?
    }

    var help: String { "维护职业分类（载入中类、列出全部）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.action {
        case "list":
            for occupation in try await OccupationStore.all(on: app.db) { context.console.output("\(occupation.code)\t\(occupation.name)".consoleText()) }
        case "load":
            guard let path = signature.file, let data = FileManager.default.contents(atPath: path) else {
                throw PublicError(.badRequest, "请用 --file 指定可读取的 CSV 文件")
            }
            let known = Set(try await OccupationStore.all(on: app.db).map(\.code))
            let occupations: [Occupation]
            switch OccupationList.parse(String(decoding: data, as: UTF8.self), majors: known.filter { !$0.contains("-") }) {
            case .success(let list): occupations = list
            case .failure(let problems): throw PublicError(.badRequest, "未载入任何数据：\n" + problems.lines.joined(separator: "\n"))
            }
            let services = app.jiujinban
            try await services.writer.write(on: app.db) { db in
                for occupation in occupations {
                    try await (db as! any SQLDatabase).raw("""
                        INSERT INTO occupations (code, name) VALUES (\(bind: occupation.code), \(bind: occupation.name))
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name
                        """).run()
                }
                try await AuditTrail.record(AuditEvent("occupations.load", detail: "载入职业分类\(occupations.count)条"),
                                            by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
            }
            context.console.output("已载入 \(occupations.count) 条职业分类".consoleText())
        default:
            throw PublicError(.badRequest, "未知操作“\(signature.action)”：应为 load 或 list")
        }
    }
}
