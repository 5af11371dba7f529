import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import Vapor

/// `jiujinban bench-lookup --sample F [--runs N]`: in-process timings of finding a person by ID number, as the counter
/// does it before it shows the person's page: the typed number checked and normalised, its keyed blind index, the
/// indexed read of the record, and the sealed number opened and compared. ID numbers come from the sample file
/// `generate-data --sample-file` wrote; `scripts/bench-cases` runs this on its 1,000,000 citizens.
struct BenchLookupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "sample", help: "generate-data 写出的压测样本文件") var sample: String?
        @Option(name: "runs", help: "查询次数，默认 5000") var runs: Int?
    }

    var help: String { "按身份证号码查找办事群众的进程内性能测试" }

    struct Sample: Decodable {
        let citizens: [String]
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let path = signature.sample, let data = FileManager.default.contents(atPath: path) else {
            throw PublicError(.badRequest, "请用 --sample 指定 generate-data 写出的样本文件")
        }
        let numbers = try JSONDecoder().decode(Sample.self, from: data).citizens
        guard !numbers.isEmpty else { throw PublicError(.badRequest, "样本文件中没有身份证号码") }
        let runs = max(100, signature.runs ?? 5000)
        let today = app.jiujinban.clock.today
        let cipher = app.jiujinban.cipher
        var times: [Double] = []
        times.reserveCapacity(runs)
        var position = 0
        for _ in 0..<runs {
            let typed = numbers[position % numbers.count]
            position += 7919
            let start = ContinuousClock.now
            guard case .success(let number) = ResidentIDNumber.parse(typed, today: today) else {
                throw PublicError(.unprocessableEntity, "样本中的身份证号码无效：\(Masking.maskedIDNumber(typed))")
            }
            guard let record = try await CitizenRegistry.find(number, cipher: cipher, on: app.db),
                  try cipher.open(record.idNumberSealed, context: CitizenCrypto.idNumberContext) == number.value else {
                throw PublicError(.notFound, "样本中的身份证号码未找到：\(number.masked)")
            }
            times.append((ContinuousClock.now - start).seconds * 1000)
        }
        let sorted = times.sorted()
        func percentile(_ p: Double) -> String { String(format: "%.3f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
        let citizens = try await CitizenRecord.query(on: app.db).count()
        print("lookup_citizens=\(citizens) lookup_runs=\(runs) lookup_p50_ms=\(percentile(0.5)) lookup_p99_ms=\(percentile(0.99))")
    }
}
