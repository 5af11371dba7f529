import Foundation
import JiujinbanRules
import SQLKit
import SQLiteNIO

/// Builds a division's monthly report from what the platform knows, in a few plain queries (30,000 points must
/// build in well under a second): divisions and points, then one query per automatic column, then the entered
/// answers of the month. Each automatic answer keeps the reason shown beside it.
enum MonthlyReportBuilder {
    struct Result: Sendable {
        let table: MonthlyReportTable
        /// Why a point's automatic column reads as it does, by point id and column.
        let reasons: [String: [ReportTask: String]]
        let scopeName: String
        /// How long each step took, for `report monthly --timings`.
        var phases: [(name: String, duration: Duration)] = []
    }

    struct Division {
        let code: String
        let name: String
        let parent: String?
    }

    /// - Parameter withReasons: also say why each automatic answer reads as it does (for the page).
    static func build(scope root: DivisionCode, month: ReportMonth, withReasons: Bool = true, on sql: any SQLDatabase) async throws -> Result {
        let prefix = root.scopePrefix + "%"
        let clock = ContinuousClock()
        var mark = clock.now
        var phases: [(name: String, duration: Duration)] = []
        func lap(_ name: String) {
            let now = clock.now
            phases.append((name, now - mark))
            mark = now
        }
        let provincePrefix = String(root.value.prefix(2))
        let ancestors = (0..<max(root.depth, 1)).compactMap { root.ancestor(atDepth: $0)?.value }
        // The rows' frame: the province, cities, counties and townships (villages and communities come with their points).
        var divisions: [String: Division] = [:]
        for row in try await joinedRows(sql, """
            SELECT code || \(unsafeRaw: separator) || name || \(unsafeRaw: separator) || COALESCE(parent_code, '') AS f
            FROM divisions WHERE (code LIKE \(bind: prefix) OR code IN (\(binds: ancestors)))
              AND level IN ('province', 'city', 'county', 'township')
            """) {
            let f = fields(row.text)
            guard f.count == 3 else { continue }
            let code = String(f[0])
            divisions[code] = Division(code: code, name: String(f[1]), parent: f[2].isEmpty ? nil : String(f[2]))
        }
        lap("divisions")
        let facts = try await Facts.load(prefix: prefix, month: month, on: sql)
        lap("facts")
        var pointsByTownship: [String: [(code: String, point: ReportInput.Point)]] = [:]
        var reasons: [String: [ReportTask: String]] = [:]
        // A province has tens of thousands of points: each row comes back as one text of its fields (joined by U+001F,
        // which validated text never holds) with its division's, one decode instead of one per column.
        for row in try await joinedRows(sql, """
            SELECT p.id, p.division_code || \(unsafeRaw: separator) || p.kind || \(unsafeRaw: separator) || p.institution
                || \(unsafeRaw: separator) || p.address || \(unsafeRaw: separator) || CAST(p.farthest_residence_m AS TEXT)
                || \(unsafeRaw: separator) || d.name || \(unsafeRaw: separator) || COALESCE(d.parent_code, '')
                || \(unsafeRaw: separator) || COALESCE(CAST(d.area_centi_km2 AS TEXT), '')
                || \(unsafeRaw: separator) || COALESCE(CAST(d.population AS TEXT), '') AS f, p.longitude, p.latitude
            FROM service_points p JOIN divisions d ON d.code = p.division_code
            WHERE p.status = 'active' AND p.kind <> 'bank_branch' AND p.division_code LIKE \(bind: prefix)
            """) {
            guard let key = row.key else { continue }
            let f = fields(row.text)
            guard f.count == 9 else { continue }
            let code = String(f[0])
            guard let kind = ServicePointKind(rawValue: String(f[1])), let farthest = Int(f[4]), let (longitude, latitude) = row.coordinate,
                  let coordinate = GeoCoordinate(longitude: longitude, latitude: latitude) else { continue }
            let township = kind == .townshipCentre || f[6].isEmpty ? code : String(f[6])
            let tasks = facts.tasks(of: key)
            if withReasons { reasons[key] = facts.reasons(of: key) }
            let point = ReportInput.Point(
                kind: kind, divisionName: String(f[5]), areaCentiKm2: Int(f[7]), population: Int(f[8]),
                institution: String(f[2]), address: String(f[3]), coordinate: coordinate, farthestResidenceMeters: farthest,
                tasks: tasks, key: key)
            pointsByTownship[township, default: []].append((code, point))
        }

        lap("points")
        let byParent = Dictionary(grouping: divisions.values.filter { $0.parent != nil }, by: { $0.parent! })
            .mapValues { $0.sorted { $0.code < $1.code } }
        func children(of code: String, depth: Int) -> [Division] {
            (byParent[code] ?? []).filter { (try? DivisionCode($0.code))?.depth == depth }
        }
        func county(_ division: Division) -> ReportInput.County {
            let townships = children(of: division.code, depth: 3).compactMap { township -> ReportInput.Township? in
                guard let points = pointsByTownship[township.code], !points.isEmpty else { return nil }
                // The township's own point first, then villages and communities by code.
                let ordered = points.sorted { ($0.point.kind == .townshipCentre ? 0 : 1, $0.code) < ($1.point.kind == .townshipCentre ? 0 : 1, $1.code) }
                return ReportInput.Township(name: township.name, points: ordered.map(\.point))
            }
            return ReportInput.County(name: division.name, townships: townships, tasks: facts.countyEntries[division.code] ?? [:])
        }
        let provinceCode = provincePrefix + "0000000000"
        let cityCodes: [Division] = root.depth == 0 ? children(of: provinceCode, depth: 1)
            : divisions[root.ancestor(atDepth: 1)!.value].map { [$0] } ?? []
        let cities = cityCodes.map { city -> ReportInput.City in
            let counties = root.depth >= 2 ? divisions[root.value].map { [$0] } ?? [] : children(of: city.code, depth: 2)
            return ReportInput.City(name: city.name, counties: counties.map(county))
        }
        let scope: MonthlyReportTable.Scope = switch root.depth {
        case 0: .province
        case 1: .city
        default: .county
        }
        lap("tree")
        let table = MonthlyReportTable(cities: cities, scope: scope)
        lap("table")
        var result = Result(table: table, reasons: reasons, scopeName: divisions[root.value]?.name ?? root.value)
        result.phases = phases
        return result
    }

    /// What the platform records about the points of a scope up to the month's last day, one query per automatic
    /// column, keyed by point id (as `UUID.uuidString`); and the month's entered answers.
    struct Facts {
        var authorised: Set<String> = []
        var kiosks: [String: String] = [:]
        var agreements: [String: String] = [:], trainings: [String: String] = [:]
        var acceptances: [String: (on: String, passed: Bool, total: Int)] = [:]
        var pointEntries: [String: ReportTasks] = [:]
        var countyEntries: [String: ReportTasks] = [:]

        static func load(prefix: String, month: ReportMonth, on sql: any SQLDatabase) async throws -> Facts {
            var facts = Facts()
            let end = month.lastDay.description
            for row in try await sql.raw("""
                SELECT DISTINCT a.unit_service_point_id AS id FROM staff_accounts a JOIN account_grants g ON g.account_id = a.id
                WHERE a.status = 'active' AND a.post = 'operator' AND g.action = 'handle' AND a.unit_service_point_id IS NOT NULL
                  AND a.unit_division_code LIKE \(bind: prefix)
                """).all() {
                facts.authorised.insert(try row.decode(column: "id", as: UUID.self).uuidString)
            }
            for row in try await sql.raw("""
                SELECT k.service_point_id AS id, k.serial_number, k.installed_on FROM kiosks k JOIN service_points p ON p.id = k.service_point_id
                WHERE k.status = 'active' AND k.installed_on <= \(bind: end) AND p.division_code LIKE \(bind: prefix)
                """).all() {
                facts.kiosks[try row.decode(column: "id", as: UUID.self).uuidString] =
                    "自助机 \(try row.decode(column: "serial_number", as: String.self))，\(try row.decode(column: "installed_on", as: String.self))安装"
            }
            for row in try await sql.raw("""
                SELECT m.service_point_id AS id, m.kind, m.date FROM service_point_milestones m JOIN service_points p ON p.id = m.service_point_id
                WHERE m.date <= \(bind: end) AND p.division_code LIKE \(bind: prefix)
                """).all() {
                let id = try row.decode(column: "id", as: UUID.self).uuidString, date = try row.decode(column: "date", as: String.self)
                switch try row.decode(column: "kind", as: String.self) {
                case "agreement": facts.agreements[id] = date
                case "training": facts.trainings[id] = date
                default: break
                }
            }
            for row in try await sql.raw("""
                SELECT a.service_point_id AS id, a.inspected_on, a.passed, a.total FROM acceptances a JOIN service_points p ON p.id = a.service_point_id
                WHERE a.inspected_on <= \(bind: end) AND p.division_code LIKE \(bind: prefix) ORDER BY a.inspected_on, a.created_at
                """).all() {
                facts.acceptances[try row.decode(column: "id", as: UUID.self).uuidString] =
                    (try row.decode(column: "inspected_on", as: String.self), try row.decode(column: "passed", as: Bool.self),
                     try row.decode(column: "total", as: Int.self))
            }
            for row in try await sql.raw("SELECT scope_key, task, done FROM report_entries WHERE month = \(bind: month.description)").all() {
                guard let task = ReportTask(rawValue: try row.decode(column: "task", as: Int.self)) else { continue }
                let key = try row.decode(column: "scope_key", as: String.self), done = try row.decode(column: "done", as: Bool.self)
                if let point = UUID(uuidString: key) { facts.pointEntries[point.uuidString, default: [:]][task] = done }
                else { facts.countyEntries[key, default: [:]][task] = done }
            }
            return facts
        }

        func tasks(of id: String) -> ReportTasks {
            var tasks = pointEntries[id] ?? [:]
            tasks[.authorisation] = authorised.contains(id)
            tasks[.kiosk] = kiosks[id] != nil
            tasks[.acceptance] = acceptances[id]?.passed == true
            tasks[.agreement] = agreements[id] != nil
            tasks[.training] = trainings[id] != nil
            return tasks
        }

        /// Words for the page; exports of a whole province do without them.
        func reasons(of id: String) -> [ReportTask: String] {
            [
                .authorisation: authorised.contains(id) ? "有在岗业务操作员账号并已赋予经办权限" : "没有在岗且已赋权的业务操作员账号",
                .kiosk: kiosks[id] ?? "自助设备登记中没有本点在用的设备",
                .acceptance: acceptances[id].map { "\($0.on)验收\($0.total)分，" + ($0.passed ? "合格" : "不合格") } ?? "尚未验收",
                .agreement: agreements[id].map { "\($0)签订合作协议" } ?? "尚未登记签订合作协议日期",
                .training: trainings[id].map { "\($0)开展培训" } ?? "尚未登记开展培训日期",
            ]
        }
    }

    /// The field separator of the joined rows, as an SQL literal both databases read the same.
    static let separator = "'\u{1F}'"

    /// The fields of a joined row, split on the separator's byte (splitting by Character would check grapheme
    /// boundaries across every name and address).
    static func fields(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { Substring($0) }
    }

    struct JoinedRow {
        /// The row's `id` as `UUID.uuidString` (SQLite keeps Fluent's UUIDs as that text: no parsing per row).
        let key: String?
        let text: String
        /// `longitude` and `latitude` when the query selects them (kept as numbers: printing a double as text is most
        /// of SQLite's work on these rows).
        let coordinate: (Double, Double)?
    }

    /// Rows of a joined text `f` (and an `id`, a `longitude` and `latitude` when the query selects them). On SQLite they come straight from
    /// the statement's values, skipping SQLKit's per-value decoding, which cost more than SQLite's own work on a
    /// province's 30,000 rows; on PostgreSQL through SQLKit. The query text is the same on both.
    static func joinedRows(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [JoinedRow] {
        guard let sqlite = sql as? SQLiteDirectDatabase else {
            return try await sql.raw(query).all().map { row in
                JoinedRow(key: row.contains(column: "id") ? try row.decode(column: "id", as: UUID.self).uuidString : nil,
                          text: try row.decode(column: "f", as: String.self),
                          coordinate: row.contains(column: "longitude")
                            ? (try row.decode(column: "longitude", as: Double.self), try row.decode(column: "latitude", as: Double.self)) : nil)
            }
        }
        var rows: [JoinedRow] = []
        try sqlite.rawRows(query) { rows.append(joinedRow($0)) }
        return rows
    }

    private static func joinedRow(_ row: SQLiteDirectRow) -> JoinedRow {
        let key: String? = switch row.value("id") {
        case .blob(let buffer)? where buffer.readableBytes == 16:
            buffer.withUnsafeReadableBytes { raw in UUID(uuid: raw.loadUnaligned(as: uuid_t.self)).uuidString }
        case .text(let text)?: text.utf8.count == 36 && !text.utf8.contains(where: { $0 >= UInt8(ascii: "a") }) ? text : UUID(uuidString: text)?.uuidString
        default: nil
        }
        func number(_ data: SQLiteData?) -> Double? {
            switch data {
            case .float(let value)?: value
            case .integer(let value)?: Double(value)
            default: nil
            }
        }
        let coordinate = number(row.value("longitude")).flatMap { x in number(row.value("latitude")).map { (x, $0) } }
        return JoinedRow(key: key, text: row.value("f")?.string ?? "", coordinate: coordinate)
    }
}
