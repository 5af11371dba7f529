import FluentSQLiteDriver
import Foundation
import JiujinbanRules
import SQLKit

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
        let area: Int?
        let population: Int?
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
        var divisions: [String: Division] = [:]
        // A province has tens of thousands of divisions and points: each row comes back as one text of its fields
        // (joined by U+001F, which validated text never holds), one decode instead of one per column.
        for row in try await joinedRows(sql, """
            SELECT code || \(unsafeRaw: separator) || name || \(unsafeRaw: separator) || COALESCE(parent_code, '')
                || \(unsafeRaw: separator) || COALESCE(CAST(area_centi_km2 AS TEXT), '')
                || \(unsafeRaw: separator) || COALESCE(CAST(population AS TEXT), '') AS f
            FROM divisions WHERE code LIKE \(bind: prefix) OR code IN (\(binds: ancestors))
            """) {
            let f = fields(row.text)
            guard f.count == 5 else { continue }
            let code = String(f[0])
            divisions[code] = Division(code: code, name: String(f[1]), parent: f[2].isEmpty ? nil : String(f[2]),
                                       area: Int(f[3]), population: Int(f[4]))
        }
        lap("divisions")
        let end = month.lastDay.description
        let authorised = try await idSet(sql, """
            SELECT DISTINCT a.unit_service_point_id AS id FROM staff_accounts a JOIN account_grants g ON g.account_id = a.id
            WHERE a.status = 'active' AND a.post = 'operator' AND g.action = 'handle' AND a.unit_service_point_id IS NOT NULL
              AND a.unit_division_code LIKE \(bind: prefix)
            """)
        var kiosks: [String: String] = [:]
        for row in try await sql.raw("""
            SELECT k.service_point_id AS id, k.serial_number, k.installed_on FROM kiosks k JOIN service_points p ON p.id = k.service_point_id
            WHERE k.status = 'active' AND k.installed_on <= \(bind: end) AND p.division_code LIKE \(bind: prefix)
            """).all() {
            kiosks[try row.decode(column: "id", as: UUID.self).uuidString] =
                "自助机 \(try row.decode(column: "serial_number", as: String.self))，\(try row.decode(column: "installed_on", as: String.self))安装"
        }
        var milestones: [String: [String: String]] = [:]
        for row in try await sql.raw("""
            SELECT m.service_point_id AS id, m.kind, m.date FROM service_point_milestones m JOIN service_points p ON p.id = m.service_point_id
            WHERE m.date <= \(bind: end) AND p.division_code LIKE \(bind: prefix)
            """).all() {
            milestones[try row.decode(column: "id", as: UUID.self).uuidString, default: [:]][try row.decode(column: "kind", as: String.self)] =
                try row.decode(column: "date", as: String.self)
        }
        var acceptances: [String: (on: String, passed: Bool, total: Int)] = [:]
        for row in try await sql.raw("""
            SELECT a.service_point_id AS id, a.inspected_on, a.passed, a.total FROM acceptances a JOIN service_points p ON p.id = a.service_point_id
            WHERE a.inspected_on <= \(bind: end) AND p.division_code LIKE \(bind: prefix) ORDER BY a.inspected_on, a.created_at
            """).all() {
            acceptances[try row.decode(column: "id", as: UUID.self).uuidString] =
                (try row.decode(column: "inspected_on", as: String.self), try row.decode(column: "passed", as: Bool.self),
                 try row.decode(column: "total", as: Int.self))
        }
        var entries: [String: [ReportTask: Bool]] = [:]
        for row in try await sql.raw("SELECT scope_key, task, done FROM report_entries WHERE month = \(bind: month.description)").all() {
            guard let task = ReportTask(rawValue: try row.decode(column: "task", as: Int.self)) else { continue }
            entries[try row.decode(column: "scope_key", as: String.self), default: [:]][task] = try row.decode(column: "done", as: Bool.self)
        }

        lap("facts")
        var pointsByTownship: [String: [(code: String, point: ReportInput.Point)]] = [:]
        var reasons: [String: [ReportTask: String]] = [:]
        for row in try await joinedRows(sql, """
            SELECT id, division_code || \(unsafeRaw: separator) || kind || \(unsafeRaw: separator) || institution
                || \(unsafeRaw: separator) || address || \(unsafeRaw: separator) || CAST(longitude AS TEXT)
                || \(unsafeRaw: separator) || CAST(latitude AS TEXT) || \(unsafeRaw: separator) || CAST(farthest_residence_m AS TEXT) AS f
            FROM service_points WHERE status = 'active' AND kind <> 'bank_branch' AND division_code LIKE \(bind: prefix)
            """) {
            guard let id = row.id?.uuidString else { continue }
            let f = fields(row.text)
            guard f.count == 7 else { continue }
            let code = String(f[0])
            guard let kind = ServicePointKind(rawValue: String(f[1])), let division = divisions[code],
                  let longitude = Double(f[4]), let latitude = Double(f[5]), let farthest = Int(f[6]),
                  let coordinate = GeoCoordinate(longitude: longitude, latitude: latitude) else { continue }
            let township = kind == .townshipCentre ? code : (division.parent ?? code)
            var tasks = entries[id] ?? [:]
            tasks[.authorisation] = authorised.contains(id)
            tasks[.kiosk] = kiosks[id] != nil
            let accepted = acceptances[id]
            tasks[.acceptance] = accepted?.passed == true
            tasks[.agreement] = milestones[id]?["agreement"] != nil
            tasks[.training] = milestones[id]?["training"] != nil
            // The reasons are words for the page; exports of a whole province do without them.
            if withReasons {
                var why: [ReportTask: String] = [:]
                why[.authorisation] = authorised.contains(id) ? "有在岗业务操作员账号并已赋予经办权限" : "没有在岗且已赋权的业务操作员账号"
                why[.kiosk] = kiosks[id] ?? "自助设备登记中没有本点在用的设备"
                why[.acceptance] = accepted.map { "\($0.on)验收\($0.total)分，" + ($0.passed ? "合格" : "不合格") } ?? "尚未验收"
                for (task, kindKey, label) in [(ReportTask.agreement, "agreement", "签订合作协议"), (.training, "training", "开展培训")] {
                    why[task] = milestones[id]?[kindKey].map { "\($0)\(label)" } ?? "尚未登记\(label)日期"
                }
                reasons[id] = why
            }
            let point = ReportInput.Point(
                kind: kind, divisionName: division.name, areaCentiKm2: division.area, population: division.population,
                institution: String(f[2]), address: String(f[3]), coordinate: coordinate, farthestResidenceMeters: farthest,
                tasks: tasks, key: id)
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
            return ReportInput.County(name: division.name, townships: townships, tasks: entries[division.code] ?? [:])
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

    /// The field separator of the joined rows, as an SQL literal both databases read the same.
    static let separator = "'\u{1F}'"

    /// The fields of a joined row, split on the separator's byte (splitting by Character would check grapheme
    /// boundaries across every name and address).
    static func fields(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// Rows of a joined text `f` (and an `id` when the query selects one). On SQLite they come straight from
    /// SQLiteNIO's row callback, skipping SQLKit's per-value decoding, which cost more than SQLite's own work on a
    /// province's 30,000 rows; on PostgreSQL through SQLKit. The query text is the same on both.
    static func joinedRows(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [(id: UUID?, text: String)] {
        guard let sqlite = sql as? any SQLiteDatabase else {
            return try await sql.raw(query).all().map { row in
                (row.contains(column: "id") ? try row.decode(column: "id", as: UUID.self) : nil, try row.decode(column: "f", as: String.self))
            }
        }
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        let collector = JoinedRowCollector()
        try await sqlite.query(serializer.sql, binds) { collector.add($0) }
        return collector.rows
    }

    static func idSet(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> Set<String> {
        Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self).uuidString })
    }
}

/// Collects joined rows as SQLiteNIO hands them over, one at a time on its thread.
private final class JoinedRowCollector: @unchecked Sendable {
    private(set) var rows: [(id: UUID?, text: String)] = []

    func add(_ row: SQLiteRow) {
        let id: UUID? = switch row.column("id") {
        case .blob(let buffer)? where buffer.readableBytes == 16:
            buffer.withUnsafeReadableBytes { raw in UUID(uuid: raw.loadUnaligned(as: uuid_t.self)) }
        case .text(let text)?: UUID(uuidString: text)
        default: nil
        }
        rows.append((id, row.column("f")?.string ?? ""))
    }
}
