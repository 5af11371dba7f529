import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban insurance import --kind enrolments|contributions|entitlements|payments --file F.csv|F.xlsx --operator ACCOUNT`:
/// loads an exchange file (docs/insurance-exchange.md) into the ledger for the business admin whose account id is
/// ACCOUNT (the audit row names them; people the file registers are created by them). Progress on standard error,
/// one summary line on standard output; a refused file prints every problem and exits non-zero. `person_changes`
/// is a kind that only goes out (`export-pending`), so `--kind` refuses it.
/// `jiujinban insurance close-year --year YYYY --county CODE --operator ACCOUNT`: the county's personal accounts
/// brought forward to the end of a finished year with their interest (`YearEndClose`), by that county's business admin.
/// Every action's operator is checked by `InsuranceOperator`: a known account refused is audited under the action's event.
struct InsuranceCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import 导入交换文件；export-pending 导出待发送的交换记录；import-acknowledgements 导入核心系统答复；close-year 个人账户年度结息")
        var action: String
        @Option(name: "kind", help: "文件种类：enrolments 参保登记、contributions 缴费记录、entitlements 待遇核定、payments 发放结果") var kind: String?
        @Option(name: "file", help: "交换文件：UTF-8 的 .csv 或 .xlsx（第一个工作表）；或核心系统的答复文件") var file: String?
        @Option(name: "out", help: "export-pending 写入的 .csv 文件") var out: String?
        @Option(name: "person-changes-out", help: "export-pending 写入人员信息变更的 .csv 文件（默认：--out 文件旁的 …-person-changes.csv）")
        var personChangesOut: String?
        @Option(name: "operator", help: "操作人员：业务管理员的账号编号（审计日志记为此人，文件只能涉及其辖区）") var operatorAccount: String?
        @Option(name: "year", help: "close-year 结息的年度（已结束的年度，如 2025）") var year: String?
        @Option(name: "county", help: "close-year 结息的县级区划代码（如 140830）") var county: String?
    }

    var help: String {
        "参保台账：import 导入参保登记、缴费记录、待遇核定或发放结果文件；export-pending 导出待发送给核心系统的交换记录；"
            + "import-acknowledgements 导入核心系统的答复；close-year 个人账户年度结息"
    }

    /// Where the summary goes, and the progress bar (tests capture or silence them).
    let output: @Sendable (String) -> Void
    let progress: ImportProgress

    init(output: @escaping @Sendable (String) -> Void = { print($0) }, progress: ImportProgress = .standardError) {
        self.output = output
        self.progress = progress
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "import": break
        case "export-pending":
            guard let out = signature.out, !out.isEmpty else { throw PublicError(.badRequest, "请用 --out 指定导出的 .csv 文件") }
            let account = try await InsuranceOperator.account(signature.operatorAccount, action: "导出待发送的交换记录",
                                                              event: "insurance.export_pending", app: context.application)
            output(try await PendingExport(operatorAccount: account)
                .run(out: out, personChangesOut: signature.personChangesOut.flatMap { $0.isEmpty ? nil : $0 }, app: context.application).line)
            return
        case "import-acknowledgements":
            guard let path = signature.file, !path.isEmpty else { throw PublicError(.badRequest, "请用 --file 指定核心系统的答复文件（.csv）") }
            let account = try await InsuranceOperator.account(signature.operatorAccount, action: "导入核心系统的答复",
                                                              event: "insurance.import_acknowledgements", app: context.application)
            output(try await AcknowledgementImport(operatorAccount: account).run(path: path, app: context.application).line)
            return
        case "close-year":
            guard let raw = signature.year, let year = Int(raw.trimmingCharacters(in: .whitespaces)) else {
                throw PublicError(.badRequest, "请用 --year 指定结息的年度（四位数字，如 2025）")
            }
            let app = context.application
            let county = try await PaymentsCommand.county(signature.county, on: app.db)
            let account = try await InsuranceOperator.account(signature.operatorAccount, county: county, action: "个人账户结息",
                                                              event: "insurance.accounts.close", app: app)
            output(try await YearEndClose(county: county, year: year, operatorAccount: account).run(app: app))
            return
        default:
            throw PublicError(.badRequest, "未知操作“\(AuditDetail.sanitized(signature.action, maximumLength: 40))”：可用操作为 import、export-pending、import-acknowledgements、close-year")
        }
        guard let kind = signature.kind.flatMap(ExchangeKind.init(rawValue:)), kind.isImportable else {
            throw PublicError(.badRequest, "--kind 应为 " + ExchangeKind.importable.map(\.rawValue).joined(separator: "、")
                              + "（person_changes 人员信息变更只由本平台发往核心系统，不能导入）")
        }
        guard let path = signature.file, !path.isEmpty else { throw PublicError(.badRequest, "请用 --file 指定要导入的 .csv 或 .xlsx 文件") }
        let account = try await InsuranceOperator.account(signature.operatorAccount, action: "导入参保台账文件", event: "insurance.import",
                                                          app: context.application)
        let summary = try await LedgerImport(kind: kind, operatorAccount: account, progress: progress).run(path: path, app: context.application)
        output(summary.line)
    }
}
