import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban report monthly --county 140830 --month 2026-11 --format csv`: a county's (or with `--division`, a
/// city's or the province's) monthly report on standard output, as CSV or .xlsx.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "monthly")
        var kind: String

        @Option(name: "county", help: "县级区划代码（6位或12位），如 140830")
        var county: String?

        @Option(name: "division", help: "市或省的区划代码（12位），代替 --county 输出全市或全省")
        var division: String?

        @Option(name: "month", help: "报送月份，如 2026-11")
        var month: String?

        @Option(name: "format", help: "csv（默认）或 xlsx")
        var format: String?

        @Flag(name: "timings", help: "在标准错误输出生成和导出所用时间（性能测试用）")
        var timings: Bool
    }

    let output: @Sendable (Data) -> Void

    init(output: @escaping @Sendable (Data) -> Void = { FileHandle.standardOutput.write($0) }) {
        self.output = output
    }

    var help: String { "月度调度表：monthly --county 140830 --month 2026-11 [--format csv|xlsx]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.kind == "monthly" else { throw PublicError(.badRequest, "未知报表“\(signature.kind)”，可用报表：monthly") }
        let app = context.application
        let root: DivisionCode
        if let raw = signature.county {
            do { root = try DivisionCode.county(raw) } catch { throw PublicError(.badRequest, "--county：" + error.message) }
        } else if let raw = signature.division {
            do { root = try DivisionCode(raw) } catch { throw PublicError(.badRequest, "--division：" + error.message) }
            guard root.depth <= 2 else { throw PublicError(.badRequest, "--division：应为省、市或县的区划代码") }
        } else {
            throw PublicError(.badRequest, "请用 --county 指定县级区划代码，如 140830")
        }
        guard try await DivisionQueries.find(root.value, on: app.db) != nil else {
            throw PublicError(.notFound, "区划 \(root.value) 不存在")
        }
        let month: ReportMonth
        switch ReportMonth.parse(signature.month, today: app.jiujinban.clock.today) {
        case .success(let value): month = value
        case .failure(let errors): throw PublicError(.badRequest, "--month：" + (errors.problems.first?.message ?? ""))
        }
        let format = signature.format ?? "csv"
        guard format == "csv" || format == "xlsx" else { throw PublicError(.badRequest, "--format：只能是 csv 或 xlsx") }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await MonthlyReportBuilder.build(scope: root, month: month, withReasons: false, on: app.db as! any SQLDatabase)
        let built = clock.now
        let file: [UInt8] = format == "xlsx" ? result.table.workbook(unit: result.scopeName, month: month.description).bytes
            : Array(result.table.csv.text.utf8)
        let exported = clock.now
        let bytes = Data(file)
        output(bytes)
        if signature.timings {
            func ms(_ duration: Duration) -> String { String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000) }
            let phases = result.phases.map { "\($0.name)_ms=\(ms($0.duration))" }.joined(separator: " ")
            FileHandle.standardError.write(Data("rows=\(result.table.rows.count) build_ms=\(ms(built - started)) export_ms=\(ms(exported - built)) bytes=\(bytes.count) \(phases)\n".utf8))
        }
    }
}
