import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban insurance-page-sample --out F`: what `jiujinban-bench matching-load --path /insurance/contributions/`
/// needs to open item 33's page as operators do: the demonstration operators (person ids, for the card simulator)
/// and, for each, up to 50 people with contributions who live in its point's division (the pages it may open).
/// Written after `scripts/bench-insurance` has imported its file. Synthetic data only.
struct InsurancePageSampleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "写出的样本文件") var out: String?
    }

    var help: String { "为缴费信息查询页面压测写出经办人员与其辖区内有缴费记录的群众" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw PublicError(.badRequest, "请用 --out 指定输出文件") }
        let app = context.application
        let operators = try await SyntheticData(app: app, seed: 0, progress: GeneratorProgress()).demoOperatorPeople()
        let sql = app.db as! any SQLDatabase
        var pages: [String: [UUID]] = [:]
        for person in operators {
            guard let account = try await AccountRecord.query(on: app.db).filter(\.$personID == person)
                .filter(\.$post == Post.operator.rawValue).first(), let root = try? DivisionCode(account.unitDivisionCode) else { continue }
            let rows = try await sql.raw("""
                SELECT c.id FROM citizens c WHERE c.residence_division_code LIKE \(bind: root.scopePrefix + "%")
                AND EXISTS (SELECT 1 FROM insurance_contributions k WHERE k.citizen_id = c.id) LIMIT 50
                """).all()
            pages[person.uuidString] = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        }
        guard pages.values.contains(where: { !$0.isEmpty }) else {
            throw PublicError(.conflict, "演示经办人员的辖区内没有有缴费记录的群众：请先导入 generate-insurance-file 生成的文件")
        }
        try BenchmarkSample(operators: operators, citizens: [], jobSeekers: pages).write(to: out)
        context.console.print("operators=\(operators.count) people=\(pages.values.map(\.count).reduce(0, +))")
    }
}
