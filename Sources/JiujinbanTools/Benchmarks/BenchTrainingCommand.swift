import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban bench-training [--institutions N] [--plans N] [--runs N] [--seed S]`: item 17's recommendation
/// in-process. Adds N synthetic training institutions to Ruicheng (each approved for a few occupations and levels,
/// placed at random points of the county) and N class plans among their approvals, starting from 30 days ago to
/// half a year ahead; then, for random intentions (an occupation and level some institution teaches, a home at a
/// random service point's division), times what item 17 does: the person's home (`InstitutionRanking.home`), the
/// indexed read of the institutions and classes that fit (`InstitutionRanking.load`) and the ranking
/// (`TrainingCatalogue.recommend`). `scripts/bench-matching` runs it after the job matching; the target is p99 < 20 ms
/// among 2,000 institutions and 20,000 plans.
struct BenchTrainingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "institutions", help: "培训机构数，默认 2000") var institutions: Int?
        @Option(name: "plans", help: "开班计划数，默认 20000") var plans: Int?
        @Option(name: "runs", help: "推荐次数，默认 2000") var runs: Int?
        @Option(name: "seed", help: "随机种子") var seed: Int?
    }

    var help: String { "培训机构推荐（事项17）的进程内性能测试：先生成机构与开班计划" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let institutionCount = max(1, signature.institutions ?? 2000), planCount = max(0, signature.plans ?? 20000)
        let runs = max(10, signature.runs ?? 2000)
        var rng = SeededGenerator(seed: UInt64(signature.seed ?? 11))
        let today = app.jiujinban.clock.today
        let county = try DivisionCode("140830000000")
        let sql = app.db as! any SQLDatabase
        let occupations = try await sql.raw("SELECT code FROM occupations WHERE code LIKE '%-%' ORDER BY code").all()
            .map { try $0.decode(column: "code", as: String.self) }
        let points = try await sql.raw("""
            SELECT division_code, longitude, latitude FROM service_points
             WHERE division_code LIKE '140830%' AND longitude IS NOT NULL AND latitude IS NOT NULL
            """).all().map { (try $0.decode(column: "division_code", as: String.self),
                              GeoCoordinate(longitude: try $0.decode(column: "longitude", as: Double.self),
                                            latitude: try $0.decode(column: "latitude", as: Double.self))) }
            .compactMap { code, point in point.map { (code, $0) } }
        guard let staff = try await sql.raw("SELECT id FROM staff_accounts LIMIT 1").first()?.decode(column: "id", as: UUID.self),
              !occupations.isEmpty, !points.isEmpty else {
            throw PublicError(.conflict, "请先载入演示数据（serve --demo 或 generate-data），需要职业分类、服务点和工作人员账号")
        }
        let levels: [SkillLevel] = [.five, .four, .three]

        // The catalogue: institutions with 1–6 approvals each, then the plans among those approvals.
        let generateStart = ContinuousClock.now
        var approvals: [(UUID, ClassPlanDraft.Approval)] = []
        var institutionRows: [[any SQLExpression]] = [], approvalRows: [[any SQLExpression]] = [], planRows: [[any SQLExpression]] = []
        for index in 0..<institutionCount {
            let id = UUID()
            let (division, point) = points[Int.random(in: 0..<points.count, using: &rng)]
            let location = GeoCoordinate(longitude: point.longitude + Double.random(in: -0.02...0.02, using: &rng),
                                         latitude: point.latitude + Double.random(in: -0.02...0.02, using: &rng)) ?? point
            institutionRows.append([
                SQLBind(id), SQLBind(county.value), SQLBind("测试培训机构\(index + 1)（性能测试）"),
                SQLBind(String(format: "91140830BT%08d", index)), SQLBind(division), SQLBind("芮城县测试地址\(index + 1)号"),
                SQLBind(location.longitude), SQLBind(location.latitude), SQLBind(Bool.random(using: &rng)),
                SQLBind("0359-30\(String(format: "%05d", index % 100_000))"), SQLBind(staff), SQLBind(Date()),
            ])
            var taught = Set<ClassPlanDraft.Approval>()
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                taught.insert(ClassPlanDraft.Approval(occupationCode: occupations[Int.random(in: 0..<occupations.count, using: &rng)],
                                                      level: levels[Int.random(in: 0..<levels.count, using: &rng)]))
            }
            for approval in taught.sorted(by: { ($0.occupationCode, $0.level.rawValue) < ($1.occupationCode, $1.level.rawValue) }) {
                approvals.append((id, approval))
                approvalRows.append([SQLBind(UUID()), SQLBind(id), SQLBind(approval.occupationCode), SQLBind(approval.level.rawValue)])
            }
        }
        for _ in 0..<planCount {
            let (institution, approval) = approvals[Int.random(in: 0..<approvals.count, using: &rng)]
            let starts = today.adding(days: Int.random(in: -30...180, using: &rng))
            let capacity = Int.random(in: 20...60, using: &rng)
            planRows.append([
                SQLBind(UUID()), SQLBind(institution), SQLBind(county.value), SQLBind(approval.occupationCode),
                SQLBind(approval.level.rawValue), SQLBind(starts.iso), SQLBind(starts.adding(days: Int.random(in: 5...30, using: &rng)).iso),
                SQLBind("测试培训教室"), SQLBind(capacity), SQLBind(Int.random(in: 0...capacity, using: &rng)), SQLBind(staff), SQLBind(Date()),
            ])
        }
        let tables: [(String, [String], [[any SQLExpression]])] = [
            ("training_institutions", ["id", "county_code", "name", "credit_code", "division_code", "address", "longitude", "latitude",
                                       "subsidised", "contact_phone", "created_by", "created_at"], institutionRows),
            ("training_approvals", ["id", "institution_id", "occupation_code", "level"], approvalRows),
            ("training_class_plans", ["id", "institution_id", "county_code", "occupation_code", "level", "starts_on", "ends_on", "place",
                                      "capacity", "enrolled", "created_by", "created_at"], planRows),
        ]
        try await app.db.transaction { db in
            for (table, columns, rows) in tables {
                for chunk in stride(from: 0, to: rows.count, by: 200) {
                    try await Self.insert(into: table, columns, Array(rows[chunk..<min(rows.count, chunk + 200)]), on: db as! any SQLDatabase)
                }
            }
        }
        let generateSeconds = (ContinuousClock.now - generateStart).seconds

        // Random intentions: an approval some institution holds, for a person living in a random point's division (located
        // as item 17 locates them, inside the timing).
        var times: [Double] = [], shown = 0, withClass = 0
        for _ in 0..<runs {
            let wanted = approvals[Int.random(in: 0..<approvals.count, using: &rng)].1
            let residence = points[Int.random(in: 0..<points.count, using: &rng)].0
            let start = ContinuousClock.now
            let home = try await InstitutionRanking.home(residence: residence, on: app.db)
            let ranking = try await InstitutionRanking.load(county: county, wanted: [wanted], today: today, on: app.db)
            let ranked = ranking.rows(occupation: wanted.occupationCode, level: wanted.level, from: home, today: today)
            times.append((ContinuousClock.now - start).seconds * 1000)
            shown += ranked.count
            withClass += ranked.filter { $0.planID != nil }.count
        }
        func percentile(_ values: [Double], _ p: Double) -> String {
            let sorted = values.sorted()
            return String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))])
        }
        print("training_institutions=\(institutionCount) training_plans=\(planCount) training_generate_s=\(String(format: "%.2f", generateSeconds)) "
              + "training_runs=\(runs) training_shown=\(shown / runs) training_with_class=\(withClass / runs)")
        print("training_recommend_p50_ms=\(percentile(times, 0.5)) training_recommend_p99_ms=\(percentile(times, 0.99))")
    }

    /// One multi-row insert of `rows`.
    static func insert(into table: String, _ columns: [String], _ rows: [[any SQLExpression]], on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let insert = sql.insert(into: table).columns(columns)
        for row in rows { insert.values(row) }
        try await insert.run()
    }
}
