import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import Vapor

/// `jiujinban generate-data --citizens N [--ledger] [--cases M] [--operators K] [--seed S]`: fills the database with synthetic,
/// reproducible people (with their insurance ledger when `--ledger` is given), operators and cases across Ruicheng's villages and communities, for benchmarks and load
/// tests. It needs the demonstration divisions and service points, refuses to run in production unless
/// `--allow-production` is given, and prints its progress to standard error.
struct GenerateDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "citizens", help: "生成的办事群众人数") var citizens: Int?
        @Option(name: "cases", help: "生成的办件数（需已有办事群众与经办人员账号）") var cases: Int?
        @Option(name: "operators", help: "为尚无经办人员的服务点生成的经办人员账号数") var operators: Int?
        @Option(name: "service-points", help: "在合成市县乡村生成的服务点数（用于全省调度表性能测试）") var servicePoints: Int?
        @Option(name: "job-postings", help: "生成的固定工岗位数（含用人单位，每单位约20个岗位）") var jobPostings: Int?
        @Option(name: "gig-postings", help: "生成的零工岗位数（招用人为已生成的群众；同时把本次登记的求职人员登记为零工）") var gigPostings: Int?
        @Option(name: "job-seekers", help: "从已生成的劳动年龄群众中登记的固定工求职人数") var jobSeekers: Int?
        @Option(name: "seed", help: "随机种子（相同种子生成相同数据），默认 20261130") var seed: Int?
        @Option(name: "sample-file", help: "把演示经办人员与部分生成群众的身份证号写入此 JSON 文件，供压测脚本登录和查询") var sampleFile: String?
        @Flag(name: "ledger", help: "同时为本次生成的群众生成参保台账（参保、缴费、待遇、发放记录）") var ledger: Bool
        @Flag(name: "allow-production", help: "允许在生产环境运行（会写入合成数据）") var allowProduction: Bool
    }

    var help: String { "生成可复现的合成数据（办事群众、经办人员、办件），用于性能测试" }

    static let defaultSeed: UInt64 = 20_261_130
    static let county = "140830"
    static let formerCountyCode = "142723"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try Self.checkEnvironment(isProduction: app.jiujinban.configuration.isProduction, allowed: signature.allowProduction)
        let citizens = try Self.count(signature.citizens, option: "--citizens", maximum: 5_000_000)
        let cases = try Self.count(signature.cases, option: "--cases", maximum: 5_000_000)
        let operators = try Self.count(signature.operators, option: "--operators", maximum: 1_000)
        let points = try Self.count(signature.servicePoints, option: "--service-points", maximum: 100_000)
        let jobPostings = try Self.count(signature.jobPostings, option: "--job-postings", maximum: 2_000_000)
        let jobSeekers = try Self.count(signature.jobSeekers, option: "--job-seekers", maximum: 2_000_000)
        let gigPostings = try Self.count(signature.gigPostings, option: "--gig-postings", maximum: 2_000_000)
        guard citizens + cases + operators + points + jobPostings + jobSeekers + gigPostings > 0 else {
            throw PublicError(.badRequest, "请至少指定 --citizens、--operators、--cases、--service-points、--job-postings 或 --job-seekers 之一，如 --citizens 100000")
        }
        let seed = signature.seed.map { UInt64(truncatingIfNeeded: $0) } ?? Self.defaultSeed
        let progress = GeneratorProgress()
        let generator = SyntheticData(app: app, seed: seed, progress: progress)
        if points > 0 {
            let made = try await SyntheticServicePoints(app: app, seed: seed, progress: progress).generate(points)
            progress.say("服务点：新增 \(made) 个（合成市县，已存在的跳过）")
        }
        if operators > 0 {
            let made = try await generator.operators(operators)
            progress.say("经办人员账号：新建 \(made) 个")
        }
        var sample: [String] = []
        if citizens > 0 {
            var ledgerRows = 0
            let made = try await generator.citizens(citizens, sample: &sample, ledger: signature.ledger, ledgerRows: &ledgerRows)
            progress.say("办事群众：新增 \(made) 人（已存在的相同身份证号跳过）")
            if signature.ledger { progress.say("参保台账：新增 \(ledgerRows) 行") }
        }
        if cases > 0 {
            let made = try await generator.cases(cases)
            progress.say("办件：新增 \(made) 件")
        }
        let jobs = SyntheticJobs(app: app, seed: seed, progress: progress)
        if jobPostings > 0 {
            let made = try await jobs.postings(jobPostings)
            progress.say("固定工岗位：新增 \(made) 个")
        }
        var seekers: [(citizen: UUID, residence: String)] = []
        if jobSeekers > 0 {
            seekers = try await jobs.seekers(jobSeekers)
            progress.say("求职登记：新增 \(seekers.count) 人")
        }
        if gigPostings > 0 {
            let made = try await jobs.gigs(gigPostings)
            progress.say("零工岗位：新增 \(made) 个")
            if !seekers.isEmpty { progress.say("零工求职登记：新增 \(try await jobs.gigWorkers(seekers)) 人") }
        }
        if let path = signature.sampleFile {
            let operators = try await generator.demoOperatorPeople()
            try await BenchmarkSample(operators: operators, citizens: sample,
                                      jobSeekers: try await generator.visibleSeekers(seekers, of: operators)).write(to: path)
            progress.say("压测样本：已写入 \(path)")
        }
        try await app.jiujinban.writer.write(on: app.db) { db in
            try await AuditTrail.record(
                AuditEvent("data.generate", detail: "合成数据 种子\(seed) 群众\(citizens) 人员\(operators) 办件\(cases) 服务点\(points) 岗位\(jobPostings) 求职\(jobSeekers) 零工\(gigPostings)"),
                by: .system, at: app.jiujinban.clock.now(), key: app.jiujinban.keys.auditKey, on: db)
        }
    }

    /// Synthetic people in a production database would be mistaken for real ones: only with an explicit flag.
    static func checkEnvironment(isProduction: Bool, allowed: Bool) throws {
        if isProduction, !allowed {
            throw PublicError(.forbidden, "生产环境不生成合成数据；确需生成请加 --allow-production")
        }
    }

    static func count(_ value: Int?, option: String, maximum: Int) throws -> Int {
        guard let value else { return 0 }
        guard (0...maximum).contains(value) else {
            throw PublicError(.badRequest, "\(option)：应为 0 至 \(maximum) 之间的整数")
        }
        return value
    }
}

/// What a load test needs to act like the counter: demonstration operators it can sign in as through the card
/// simulator (their person ids), and ID numbers of generated citizens to type in. Synthetic data only.
struct BenchmarkSample: Codable {
    var operators: [UUID]
    var citizens: [String]
    /// Per operator (person id): job seekers (citizen ids) its point may open the recommendation page of.
    var jobSeekers: [String: [UUID]] = [:]

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// Progress lines on standard error (standard output stays clean for scripts).
struct GeneratorProgress: Sendable {
    func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Reports every tenth of the way, and the end.
    func step(_ label: String, done: Int, of total: Int, previous: Int) {
        let tenth = max(total / 10, 1)
        if done == total || done / tenth != previous / tenth {
            say("\(label)：\(done)/\(total)（\(done * 100 / max(total, 1))%）")
        }
    }
}
