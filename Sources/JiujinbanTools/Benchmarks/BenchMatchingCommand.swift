import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban bench-matching [--runs N] [--seed S]`: in-process timings of item 2 and item 3 on the database as it is
/// (after `generate-data --job-postings … --job-seekers …`): for random registered seekers, the market's catch-up
/// query plus the top 20; then random filtered searches. Prints percentiles; `scripts/bench-matching` reads them.
struct BenchMatchingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "runs", help: "推荐与查询各测多少次，默认 2000") var runs: Int?
        @Option(name: "seed", help: "随机种子") var seed: Int?
    }

    var help: String { "岗位推荐与查询的进程内性能测试（需先生成岗位和求职登记）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let runs = max(10, signature.runs ?? 2000)
        var rng = SeededGenerator(seed: UInt64(signature.seed ?? 7))
        let today = app.jiujinban.clock.today
        let store = JobMarketStore()
        let loadStart = ContinuousClock.now
        let market = try await store.current(on: app.db, today: today)
        let loadSeconds = (ContinuousClock.now - loadStart).seconds
        let sql = app.db as! any SQLDatabase
        let seekers = try await sql.raw("""
            SELECT \(JobSeekerRecord.profileColumns)
            FROM job_seekers s JOIN citizens c ON c.id = s.citizen_id WHERE s.ended_on IS NULL LIMIT 20000
            """).all().compactMap { try JobSeekerRecord.profile(row: $0, today: today) }
        guard !seekers.isEmpty, market.openCount > 0 else {
            throw PublicError(.conflict, "请先生成岗位和求职登记：generate-data --citizens … --job-postings … --job-seekers …")
        }
        var recommend: [Double] = [], shown = 0, slowSeekers = Slowest<JobSeekerProfile>()
        for _ in 0..<runs {
            let seeker = seekers[Int.random(in: 0..<seekers.count, using: &rng)]
            let start = ContinuousClock.now
            let current = try await store.current(on: app.db, today: today)
            shown += current.recommend(for: seeker, today: today, limit: 20).count
            recommend.append((ContinuousClock.now - start).seconds * 1000)
            slowSeekers.note(recommend.last!, seeker)
        }
        let townships = try await sql.raw("SELECT code FROM divisions WHERE level = 'township' AND code LIKE '140830%'").all()
            .compactMap { try? DivisionCode(try $0.decode(column: "code", as: String.self)) }
        let mediumGroups = Array(SyntheticJobs.titles.keys).sorted()
        var search: [Double] = [], found = 0, slowSearches = Slowest<JobMarket.Query>()
        for _ in 0..<runs {
            var query = JobMarket.Query(sort: JobMarket.Sort.allCases[Int.random(in: 0..<3, using: &rng)], page: Int.random(in: 1...3, using: &rng))
            // A major group, or one of the medium groups the generated postings name.
            if Bool.random(using: &rng) {
                query.occupation = Bool.random(using: &rng) ? ["2", "3", "4", "5", "6"][Int.random(in: 0..<5, using: &rng)]
                    : mediumGroups[Int.random(in: 0..<mediumGroups.count, using: &rng)]
            }
            if Bool.random(using: &rng), !townships.isEmpty { query.within = townships[Int.random(in: 0..<townships.count, using: &rng)] }
            if Bool.random(using: &rng) { query.minimumWageFen = Int.random(in: 25...60, using: &rng) * 10_000 }
            if Int.random(in: 0..<4, using: &rng) == 0 { query.keyword = ["司机", "工", "分拣", "合成企业1"][Int.random(in: 0..<4, using: &rng)] }
            let start = ContinuousClock.now
            let current = try await store.current(on: app.db, today: today)
            found += current.search(query, today: today).postings.count
            let milliseconds = (ContinuousClock.now - start).seconds * 1000
            search.append(milliseconds)
            slowSearches.note(milliseconds, query)
        }
        // Item 5: gigs for random registered gig workers (the query of their skills near them, then the ranking).
        let workers = try await GigSeekerRecord.query(on: app.db).filter(\.$endedOn == nil).limit(20000).all().compactMap(\.profile)
        var gigTimes: [Double] = [], gigsShown = 0
        if !workers.isEmpty {
            let gigStore = GigMarketStore()
            _ = try await gigStore.current(on: app.db, today: today)
            for _ in 0..<runs {
                let worker = workers[Int.random(in: 0..<workers.count, using: &rng)]
                let start = ContinuousClock.now
                gigsShown += try await gigStore.current(on: app.db, today: today).gigs(for: worker, today: today).count
                gigTimes.append((ContinuousClock.now - start).seconds * 1000)
            }
        }
        // Which seekers and filters cost most (stderr: the script reads stdout only).
        slowSeekers.report("slow recommendation")
        slowSearches.report("slow search")
        func percentile(_ values: [Double], _ p: Double) -> String {
            let sorted = values.sorted()
            return String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))])
        }
        print("postings_open=\(market.openCount) seekers=\(seekers.count) load_s=\(String(format: "%.2f", loadSeconds)) runs=\(runs)")
        print("recommend_p50_ms=\(percentile(recommend, 0.5)) recommend_p99_ms=\(percentile(recommend, 0.99)) shown=\(shown / runs)")
        if !gigTimes.isEmpty {
            print("gig_recommend_p50_ms=\(percentile(gigTimes, 0.5)) gig_recommend_p99_ms=\(percentile(gigTimes, 0.99)) shown=\(gigsShown / runs) workers=\(workers.count)")
        }
        print("search_p50_ms=\(percentile(search, 0.5)) search_p99_ms=\(percentile(search, 0.99)) found=\(found / runs)")
    }
}

/// The few slowest runs of a benchmark and what they were run on.
struct Slowest<Subject> {
    private var runs: [(milliseconds: Double, subject: Subject)] = []

    mutating func note(_ milliseconds: Double, _ subject: Subject) {
        runs.append((milliseconds, subject))
        if runs.count > 40 { runs = Array(runs.sorted { $0.milliseconds > $1.milliseconds }.prefix(20)) }
    }

    func report(_ label: String, count: Int = 5) {
        for run in runs.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(count) {
            FileHandle.standardError.write(Data("\(label) \(String(format: "%.2f", run.milliseconds)) ms: \(run.subject)\n".utf8))
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
