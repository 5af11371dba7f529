import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// Synthetic employers, fixed-job postings and job seekers for `generate-data --job-postings N --job-seekers N`:
/// postings at Ruicheng's service points (the coordinates matching uses), seekers among the generated citizens of
/// working age. Reproducible from the seed; written in batches of one transaction each.
struct SyntheticJobs {
    let app: Application
    let seed: UInt64
    let progress: GeneratorProgress

    static let batch = 1_000
    static let postingsPerEmployer = 20
    /// Posting titles by the medium group (2022 classification) they belong to.
    static let titles: [String: [String]] = [
        "2-02": ["技术员", "质检工程师"], "2-05": ["护士"], "2-06": ["会计"], "2-08": ["教师"], "3-01": ["文员", "客服专员"],
        "4-01": ["营业员", "收银员"], "4-02": ["快递员", "货车司机", "仓库管理员"], "4-03": ["厨师", "餐厅服务员"], "4-07": ["保安员"],
        "4-10": ["家政服务员"], "5-01": ["果园工人", "果品分拣员"], "5-03": ["养殖工"], "5-05": ["农机操作员"],
        "6-01": ["果品加工工"], "6-05": ["缝纫工"], "6-18": ["电焊工"], "6-29": ["砌筑工", "钢筋工"], "6-30": ["叉车司机"],
        "6-31": ["包装工", "机修工", "普工"],
    ]

    private var services: PlatformServices { app.jiujinban }

    /// Service points of the county with their divisions and coordinates.
    func places() async throws -> [(division: String, longitude: Double, latitude: Double)] {
        let rows = try await (app.db as! any SQLDatabase).raw("""
            SELECT division_code, longitude, latitude FROM service_points WHERE division_code >= \(bind: GenerateDataCommand.county)
                AND division_code < \(bind: GenerateDataCommand.county + "a") ORDER BY code
            """).all()
        let places = try rows.map {
            (try $0.decode(column: "division_code", as: String.self), try $0.decode(column: "longitude", as: Double.self),
             try $0.decode(column: "latitude", as: Double.self))
        }
        guard !places.isEmpty else { throw PublicError(.conflict, "数据库中没有芮城县的服务点：请先以演示数据启动一次") }
        return places
    }

    func creator() async throws -> UUID {
        guard let id = try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue)
            .filter(\.$unitDivisionCode =~ GenerateDataCommand.county).sort(\.$unitDivisionCode).first()?.id else {
            throw PublicError(.conflict, "芮城县还没有经办人员账号：请先载入演示数据，或加 --operators 生成")
        }
        return id
    }

    /// A credit code with a right check character: 91 (an enterprise), the county, then nine characters.
    static func creditCode(_ number: Int) -> String {
        let body = "91" + GenerateDataCommand.county + String(format: "%09d", number % 1_000_000_000)
        do { _ = try CreditCode(body + "0") } catch {
            if case .checkCharacter(let expected) = error { return body + String(expected) }
        }
        return body + "0"
    }

    func postings(_ count: Int) async throws -> Int {
        var rng = SeededGenerator(seed: seed ^ 0x4A4F_4253)
        let places = try await places(), creator = try await creator()
        let sql = app.db as! any SQLDatabase
        let firstEmployer = try await sql.raw("SELECT COUNT(*) AS n FROM employers").first()?.decode(column: "n", as: Int.self) ?? 0
        let today = services.clock.today
        let occupations = Array(Self.titles.keys).sorted()
        var done = 0
        var employers: [(id: UUID, place: Int)] = []
        while done < count {
            let size = min(Self.batch, count - done)
            let now = services.clock.now()
            var newEmployers: [SQLExpression] = []
            var rows: [[any SQLExpression]] = []
            for offset in 0..<size {
                if (done + offset) % Self.postingsPerEmployer == 0 {
                    let number = firstEmployer + employers.count + 1
                    let place = Int.random(in: 0..<places.count, using: &rng)
                    let id = UUID()
                    employers.append((id, place))
                    newEmployers.append(SQLGroupExpression([
                        SQLBind(id), SQLBind("芮城县合成企业\(number)有限公司"), SQLBind(Self.creditCode(number)), SQLBind(places[place].division),
                        SQLBind("合成地址\(number)号"), SQLBind("联系人\(number)"), SQLBind("0359-60\(String(format: "%05d", number % 100_000))"),
                        SQLBind(creator), SQLBind(now),
                    ]))
                }
                let employer = employers[employers.count - 1]
                // Most postings near their employer, some elsewhere in the county.
                let place = places[Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 0..<places.count, using: &rng) : employer.place]
                let occupation = occupations[Int.random(in: 0..<occupations.count, using: &rng)]
                let titles = Self.titles[occupation] ?? ["普工"]
                let low = Int.random(in: 22...70, using: &rng) * 10_000
                let high = low + Int.random(in: 0...30, using: &rng) * 10_000
                let youngest: Int? = Int.random(in: 0..<3, using: &rng) == 0 ? Int.random(in: 18...25, using: &rng) : nil
                let oldest: Int? = youngest.map { _ in Int.random(in: 35...55, using: &rng) }
                let education: Int? = Int.random(in: 0..<3, using: &rng) == 0 ? Int.random(in: 2...5, using: &rng) : nil
                rows.append([
                    SQLBind(UUID()), SQLBind(employer.id), SQLBind(titles[Int.random(in: 0..<titles.count, using: &rng)]), SQLBind(occupation),
                    SQLBind(Int.random(in: 1...20, using: &rng)), SQLBind(low), SQLBind(high), SQLBind(education), SQLBind(youngest), SQLBind(oldest),
                    SQLBind(place.division), SQLBind(place.longitude), SQLBind(place.latitude), SQLBind("合成工作地址"),
                    SQLBind(today.adding(days: Int.random(in: 1...180, using: &rng)).iso), SQLBind(creator), SQLBind(now),
                ])
            }
            try await services.writer.write(on: app.db) { [newEmployers, rows] db in
                let sql = db as! any SQLDatabase
                if !newEmployers.isEmpty {
                    try await sql.raw("""
                        INSERT INTO employers (id, name, credit_code, division_code, address, contact_name, contact_phone, created_by, created_at)
                        VALUES \(SQLList(newEmployers))
                        """).run()
                }
                let last = try await SequenceAllocator.advance("job_postings", by: rows.count, on: db)
                let values = rows.enumerated().map { index, row in
                    SQLGroupExpression(Array(row[0..<2]) + [SQLBind(last - rows.count + 1 + index)] + Array(row[2...]))
                }
                try await sql.raw("""
                    INSERT INTO job_postings (id, employer_id, revision, title, occupation, headcount, wage_min_fen, wage_max_fen, education,
                        age_min, age_max, workplace_division, longitude, latitude, address, valid_until, created_by, created_at)
                    VALUES \(SQLList(values))
                    """).run()
            }
            let previous = done
            done += size
            progress.step("生成固定工岗位", done: done, of: count, previous: previous)
        }
        return done
    }

    /// Registers `count` generated citizens of working age as job seekers (without cases, as a bulk load would).
    /// Returns the registered citizens with the division they live in.
    func seekers(_ count: Int) async throws -> [(citizen: UUID, residence: String)] {
        var rng = SeededGenerator(seed: seed ^ 0x5345_454B)
        let sql = app.db as! any SQLDatabase
        let today = services.clock.today
        let occupations = Array(Self.titles.keys).sorted()
        let candidates = try await sql.raw("""
            SELECT c.id, c.birth_date, c.residence_division_code FROM citizens c
            WHERE NOT EXISTS (SELECT 1 FROM job_seekers s WHERE s.citizen_id = c.id)
            ORDER BY c.id LIMIT \(literal: count * 2)
            """).all().compactMap { row -> (UUID, String)? in
            guard let born = CalendarDate(iso: try row.decode(column: "birth_date", as: String.self)),
                  (18...58).contains(today.completedYears(since: born)) else { return nil }
            return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "residence_division_code", as: String.self))
        }.prefix(count)
        guard !candidates.isEmpty else { throw PublicError(.conflict, "没有可登记求职的合成群众：请先加 --citizens 生成") }
        var located: [String: (GeoCoordinate, UUID)] = [:]
        let points = try await sql.raw("SELECT id, division_code FROM service_points").all()
        var pointOf: [String: UUID] = [:]
        for row in points { pointOf[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "id", as: UUID.self) }
        var registered: [(UUID, String)] = []
        for chunk in Array(candidates).chunked(Self.batch) {
            let now = services.clock.now()
            var rows: [SQLExpression] = []
            for (citizen, residence) in chunk {
                if located[residence] == nil, let code = try? DivisionCode(residence),
                   let home = try await DivisionLocator.coordinate(of: code, on: app.db) {
                    var point = code
                    while pointOf[point.value] == nil, let parent = point.parent { point = parent }
                    if let id = pointOf[point.value] { located[residence] = (home, id) }
                }
                guard let (home, point) = located[residence] else { continue }
                // Mostly medium groups; one seeker in five will take anything in a major group.
                let wanted = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                    let occupation = occupations[Int.random(in: 0..<occupations.count, using: &rng)]
                    return Int.random(in: 0..<5, using: &rng) == 0 ? Occupation.major(of: occupation) : occupation
                }
                // One seeker in five will only work in their own township.
                let ownTownship = Int.random(in: 0..<5, using: &rng) == 0 ? (try? DivisionCode(residence))?.parent?.value ?? "" : ""
                // One in five can start only in a few weeks.
                let available = Int.random(in: 0..<5, using: &rng) == 0 ? today.adding(days: Int.random(in: 1...60, using: &rng)) : today
                rows.append(SQLGroupExpression([
                    SQLBind(UUID()), SQLBind(citizen), SQLBind(Array(Set(wanted)).sorted().joined(separator: ",")),
                    SQLBind(Int.random(in: 0..<4, using: &rng) == 0 ? nil : Int.random(in: 25...60, using: &rng) * 10_000),
                    SQLBind(Int.random(in: 0..<2, using: &rng) == 0 ? nil : Int.random(in: 5...40, using: &rng) * 1_000),
                    SQLBind(Int.random(in: 2...5, using: &rng)), SQLBind(available.iso), SQLBind(residence), SQLBind(home.longitude),
                    SQLBind(home.latitude), SQLBind(point), SQLBind(now), SQLBind(ownTownship),
                ]))
                registered.append((citizen, residence))
            }
            try await services.writer.write(on: app.db) { [rows] db in
                try await (db as! any SQLDatabase).raw("""
                    INSERT INTO job_seekers (id, citizen_id, occupations, expected_wage_fen, max_distance_m, education, available_from,
                        residence_division, longitude, latitude, service_point_id, registered_at, places)
                    VALUES \(SQLList(rows))
                    """).run()
            }
            progress.step("生成求职登记", done: registered.count, of: candidates.count, previous: registered.count - rows.count)
        }
        return registered
    }
}

extension SyntheticJobs {
    /// Gigs posted by generated citizens as recruiters, spread over the county's points, starting within 30 days.
    func gigs(_ count: Int) async throws -> Int {
        var rng = SeededGenerator(seed: seed ^ 0x4749_4753)
        let places = try await places()
        let sql = app.db as! any SQLDatabase
        let recruiters = try await sql.raw("SELECT id FROM citizens ORDER BY id DESC LIMIT 2000").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard !recruiters.isEmpty else { throw PublicError(.conflict, "没有合成群众可作为招用人：请先加 --citizens 生成") }
        let points = try await sql.raw("SELECT id FROM service_points WHERE division_code LIKE \(bind: GenerateDataCommand.county + "%") ORDER BY code")
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        let today = services.clock.today, cipher = services.cipher
        let contents = ["苹果采摘装箱", "果园疏花疏果", "仓库装卸", "家庭保洁", "宴席帮厨", "水电检修", "砌墙抹灰"]
        var done = 0
        while done < count {
            let size = min(Self.batch, count - done)
            let now = services.clock.now()
            var rows: [SQLList] = []
            for _ in 0..<size {
                let place = places[Int.random(in: 0..<places.count, using: &rng)]
                let skill = GigSkill.defaults[Int.random(in: 0..<GigSkill.defaults.count, using: &rng)].code
                let start = today.adding(days: Int.random(in: 0...30, using: &rng))
                let headcount = Int.random(in: 1...10, using: &rng)
                rows.append(SQLList([
                    SQLBind(UUID()), SQLBind(recruiters[Int.random(in: 0..<recruiters.count, using: &rng)]), SQLBind(skill),
                    SQLBind(GenerateDataCommand.county), SQLBind(contents[Int.random(in: 0..<contents.count, using: &rng)]), SQLBind(place.division),
                    SQLBind(place.longitude), SQLBind(place.latitude), SQLBind("合成用工地址"), SQLBind(start.iso),
                    SQLBind(start.adding(days: Int.random(in: 0...14, using: &rng)).iso), SQLBind(headcount),
                    SQLBind(Int.random(in: 0..<4, using: &rng) == 0 ? headcount : 0), SQLBind(Int.random(in: 8...30, using: &rng) * 1_000),
                    SQLBind(try cipher.seal("139" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &rng)), context: GigPostingRecord.phoneContext)),
                    SQLBind(points[Int.random(in: 0..<points.count, using: &rng)]), SQLBind(now),
                ]))
            }
            try await services.writer.write(on: app.db) { [rows] db in
                let last = try await SequenceAllocator.advance("gig_postings", by: rows.count, on: db)
                let values = rows.enumerated().map { index, row in
                    SQLGroupExpression([SQLBind(last - rows.count + 1 + index), row])
                }
                try await (db as! any SQLDatabase).raw("""
                    INSERT INTO gig_postings (revision, id, citizen_id, skill, county_code, content, place_division, longitude, latitude, address,
                        start_on, end_on, headcount, hired, day_wage_fen, contact_phone_sealed, service_point_id, created_at)
                    VALUES \(SQLList(values))
                    """).run()
            }
            let previous = done
            done += size
            progress.step("生成零工岗位", done: done, of: count, previous: previous)
        }
        return done
    }

    /// Registers the given job seekers as gig workers too (many villagers take both), with one to three skills.
    func gigWorkers(_ seekers: [(citizen: UUID, residence: String)]) async throws -> Int {
        var rng = SeededGenerator(seed: seed ^ 0x574F_524B)
        let sql = app.db as! any SQLDatabase
        var located: [String: (Double, Double, UUID)] = [:]
        for row in try await sql.raw("SELECT citizen_id, longitude, latitude, service_point_id FROM job_seekers").all() {
            located[try row.decode(column: "citizen_id", as: UUID.self).uuidString] = (
                try row.decode(column: "longitude", as: Double.self), try row.decode(column: "latitude", as: Double.self),
                try row.decode(column: "service_point_id", as: UUID.self))
        }
        var made = 0
        for chunk in seekers.chunked(Self.batch) {
            let now = services.clock.now()
            var rows: [SQLExpression] = []
            for (citizen, residence) in chunk {
                guard let (longitude, latitude, point) = located[citizen.uuidString] else { continue }
                let skills = Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in GigSkill.defaults[Int.random(in: 0..<GigSkill.defaults.count, using: &rng)].code })
                let days = Set((0..<Int.random(in: 2...7, using: &rng)).map { _ in Int.random(in: 1...7, using: &rng) })
                rows.append(SQLGroupExpression([
                    SQLBind(UUID()), SQLBind(citizen), SQLBind("," + skills.sorted().joined(separator: ",") + ","),
                    SQLBind(days.sorted().map(String.init).joined(separator: ",")),
                    SQLBind(Int.random(in: 0..<3, using: &rng) == 0 ? nil : Int.random(in: 10...25, using: &rng) * 1_000),
                    SQLBind(Int.random(in: 0..<2, using: &rng) == 0 ? nil : Int.random(in: 5...30, using: &rng) * 1_000),
                    SQLBind(residence), SQLBind(longitude), SQLBind(latitude), SQLBind(point), SQLBind(now),
                ]))
            }
            guard !rows.isEmpty else { continue }
            try await services.writer.write(on: app.db) { [rows] db in
                try await (db as! any SQLDatabase).raw("""
                    INSERT INTO gig_seekers (id, citizen_id, skills, weekdays, expected_day_wage_fen, radius_m, residence_division, longitude,
                        latitude, service_point_id, registered_at)
                    VALUES \(SQLList(rows))
                    """).run()
            }
            made += rows.count
        }
        return made
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
