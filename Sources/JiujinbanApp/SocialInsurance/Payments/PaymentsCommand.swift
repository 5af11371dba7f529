import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban payments run --month YYYY-MM --county CODE --operator ACCOUNT --out FILE`: the month's pension
/// payments of a county from the ledger, and the bank's batch file (`PaymentRun`).
/// `jiujinban payments import-return --file FILE --operator ACCOUNT`: the bank's results (`BankReturnImport`).
/// The operator is an active business admin of the county (a refusal is audited); one line on standard output.
struct PaymentsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run 生成月度发放批次；import-return 导入银行回盘文件") var action: String
        @Option(name: "month", help: "发放月份 YYYY-MM") var month: String?
        @Option(name: "county", help: "县级区划代码（6位或12位）") var county: String?
        @Option(name: "operator", help: "操作人员：该县业务管理员的账号编号") var operatorAccount: String?
        @Option(name: "out", help: "银行代发批次文件（CSV，不覆盖已有文件）") var out: String?
        @Option(name: "file", help: "银行回盘文件：UTF-8 的 .csv 或 .xlsx") var file: String?
    }

    var help: String { "待遇发放：run 按台账生成月度发放批次和银行文件，import-return 导入银行回盘结果" }

    let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.output = output
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.action {
        case "run":
            guard let month = signature.month.flatMap(PensionMonth.init) else {
                throw PublicError(.badRequest, "--month 应为发放月份，格式 YYYY-MM（如 2026-11）")
            }
            let county = try await Self.county(signature.county, on: app.db)
            guard let out = signature.out, !out.isEmpty else { throw PublicError(.badRequest, "请用 --out 指定银行代发批次文件的路径") }
            let account = try await InsuranceOperator.account(signature.operatorAccount, county: county, action: "生成发放批次",
                                                              event: "insurance.payments.run", app: app)
            output(try await PaymentRun(county: county, month: month, operatorAccount: account).run(out: out, app: app))
        case "import-return":
            guard let path = signature.file, !path.isEmpty else { throw PublicError(.badRequest, "请用 --file 指定银行回盘文件") }
            let account = try await InsuranceOperator.account(signature.operatorAccount, action: "导入回盘文件", event: "insurance.payments.return",
                                                              app: app)
            output(try await BankReturnImport(operatorAccount: account).run(path: path, app: app))
        default:
            throw PublicError(.badRequest, "未知操作“\(AuditDetail.sanitized(signature.action, maximumLength: 40))”：可用操作为 run、import-return")
        }
    }

    /// A county of the division tree, by its 6- or 12-digit code.
    static func county(_ raw: String?, on db: any Database) async throws -> DivisionCode {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard let code = try? DivisionCode.county(text) else { throw PublicError(.badRequest, "--county 应为县级区划代码（如 140830）") }
        let found = try await (db as! any SQLDatabase).raw("""
            SELECT code FROM divisions WHERE code = \(bind: code.value) AND level = \(bind: DivisionLevel.county.rawValue)
            """).first()
        guard found != nil else { throw PublicError(.badRequest, "--county：区划中没有代码为 \(text) 的县") }
        return code
    }
}
