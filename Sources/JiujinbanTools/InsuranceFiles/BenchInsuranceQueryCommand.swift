import Foundation
import JiujinbanApp
import JiujinbanRules
import Vapor

/// `jiujinban bench-insurance-query --sample F [--runs N]`: in-process timings of item 33's query, as the counter
/// runs it for a person it has found: the person by ID number (blind index), then their whole ledger in one query
/// (`InsuranceLedger.view`: enrolments, every year's contributions, accounts, entitlements, payments, the bank
/// accounts opened and masked). ID numbers come from `generate-insurance-file --sample-file`; `scripts/bench-insurance`
/// runs this after importing its file. Prints `contribution_query_p50_ms=… contribution_query_p99_ms=…`.
struct BenchInsuranceQueryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "sample", help: "generate-insurance-file 写出的样本文件") var sample: String?
        @Option(name: "runs", help: "查询次数，默认 5000") var runs: Int?
    }

    var help: String { "城乡居民养老保险缴费信息查询（第33项）的进程内性能测试" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let path = signature.sample, let data = FileManager.default.contents(atPath: path) else {
            throw PublicError(.badRequest, "请用 --sample 指定 generate-insurance-file 写出的样本文件")
        }
        let numbers = try JSONDecoder().decode([String: [String]].self, from: data)["citizens"] ?? []
        guard !numbers.isEmpty else { throw PublicError(.badRequest, "样本文件中没有身份证号码") }
        let runs = max(100, signature.runs ?? 5000)
        let today = app.jiujinban.clock.today
        let cipher = app.jiujinban.cipher
        var times: [Double] = []
        times.reserveCapacity(runs)
        var years = 0
        for run in 0..<runs {
            let typed = numbers[(run * 7919) % numbers.count]
            let start = ContinuousClock.now
            guard case .success(let number) = ResidentIDNumber.parse(typed, today: today),
                  let record = try await CitizenRegistry.find(number, cipher: cipher, on: app.db) else {
                throw PublicError(.notFound, "样本中的身份证号码未找到：\(Masking.maskedIDNumber(typed))")
            }
            let ledger = try await InsuranceLedger.view(of: try record.requireID(), cipher: cipher, on: app.db)
            times.append((ContinuousClock.now - start).seconds * 1000)
            years += ledger.contributions.count
        }
        guard years > 0 else { throw PublicError(.conflict, "样本中的人没有缴费记录：请先导入 generate-insurance-file 生成的文件") }
        let sorted = times.sorted()
        func percentile(_ p: Double) -> String { String(format: "%.3f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
        print("contribution_query_runs=\(runs) contribution_years_per_person=\(String(format: "%.1f", Double(years) / Double(runs)))"
              + " contribution_query_p50_ms=\(percentile(0.5)) contribution_query_p99_ms=\(percentile(0.99))")
    }
}
