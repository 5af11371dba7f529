import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("月度调度表: the Ruicheng roll-up, automatic columns, the command, the page and its exports")
struct MonthlyReportTests {
    static let month = ReportMonth(year: 2026, month: 11)!

    func build(_ app: Application, _ root: String = "140830000000") async throws -> MonthlyReportBuilder.Result {
        try await MonthlyReportBuilder.build(scope: try DivisionCode(root), month: Self.month, on: app.db as! any SQLDatabase)
    }

    func run(_ app: Application, _ arguments: [String]) async throws -> String {
        let output = OutputCapture()
        let command = ReportCommand(output: output.write)
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
        context.application = app
        try await command.run(using: &context)
        return output.text
    }

    @Test("the county subtotal and every township add up as attachment 2: 171 = 10 + 145 + 16")
    func ruichengRollUp() async throws {
        try await TestApp.run { app in
            let csv = try await run(app, ["monthly", "--county", "140830", "--month", "2026-11", "--format", "csv"])
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let expectedLines = 183 // header, the county, 10 townships, 171 points
            #expect(lines.count == expectedLines)
            #expect(lines[1].hasPrefix("运城市,芮城县小计,171,10,145,16,"))
            let townships = [("风陵渡镇", "37,1,34,2"), ("阳城镇", "18,1,17,0"), ("永乐镇", "9,1,8,0"), ("大王镇", "13,1,12,0"),
                             ("学张乡", "11,1,10,0"), ("古魏镇", "29,1,15,13"), ("南磑镇", "10,1,9,0"), ("西陌镇", "10,1,9,0"),
                             ("东垆乡", "14,1,13,0"), ("陌南镇", "20,1,18,1")]
            for (name, counts) in townships {
                #expect(lines.contains { $0.hasPrefix(",\(name),\(counts),") }, "\(name)")
            }
            // The CSV is the table, row for row.
            let table = try await build(app).table
            #expect(csv == table.csv.text)
            // The province's and the city's reports carry the same county.
            let province = try await build(app, "140000000000").table
            #expect(province.rows[0].cells[1] == .text("全省合计") && province.rows[0].cells[2] == .number(171))
            // In the province's table column 1 names the city on the city's row, not on the county's.
            let inProvince: [MonthlyReportTable.Cell] = Array(try #require(province.row(named: "芮城县小计")).cells.dropFirst())
            let inCounty: [MonthlyReportTable.Cell] = Array(try #require(table.row(named: "芮城县小计")).cells.dropFirst())
            #expect(inProvince == inCounty)
        }
    }

    @Test("columns 18–22 fill themselves from agreements, training, accounts, kiosks and acceptance, with reasons")
    func automaticColumns() async throws {
        try await TestApp.run { app in
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204").first())
            let township = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100000")
                .filter(\.$kind == "township_centre").first())
            let id = try point.requireID(), townshipID = try township.requireID()
            var result = try await build(app)
            func cells(_ id: UUID) -> [MonthlyReportTable.Cell]? { result.table.rows.first { $0.key == id.uuidString }?.cells }
            // The demonstration village operator holds handling grants: column 20 says so and why.
            #expect(cells(id)?[19] == .flag(true) && result.reasons[id.uuidString]?[.authorisation]?.contains("业务操作员") == true)
            #expect(cells(id)?[17] == .flag(false) && cells(id)?[20] == .flag(false) && cells(id)?[21] == .flag(false))
            let admin = try await app.accountID(of: .countySystemAdmin)
            let sql = app.db as! any SQLDatabase
            let now = app.jiujinban.clock.now()
            for (pointID, serial) in [(id, "KS-001"), (townshipID, "KS-002")] {
                try await sql.raw("""
                    INSERT INTO kiosks (id, service_point_id, serial_number, installed_on, status, created_at)
                    VALUES (\(bind: UUID()), \(bind: pointID), \(bind: serial), '2026-11-10', 'active', \(bind: now))
                    """).run()
            }
            try await sql.raw("""
                INSERT INTO service_point_milestones (id, service_point_id, kind, date, recorded_by, recorded_at)
                VALUES (\(bind: UUID()), \(bind: id), 'agreement', '2026-11-02', \(bind: admin), \(bind: now)),
                       (\(bind: UUID()), \(bind: id), 'training', '2026-12-01', \(bind: admin), \(bind: now))
                """).run()
            try await sql.raw("""
                INSERT INTO acceptances (id, service_point_id, inspected_on, inspector_account, inspector_name, scores, notes, total,
                                         pass_mark, passed, reinspect_on, created_at)
                VALUES (\(bind: UUID()), \(bind: id), '2026-11-20', \(bind: admin), '周晓东', '{}', '{}', 92, 80, \(bind: true), NULL, \(bind: now))
                """).run()
            try await sql.raw("""
                INSERT INTO report_entries (id, month, scope_key, task, done, evidence_note, entered_by, entered_at)
                VALUES (\(bind: UUID()), '2026-11', '140830000000', 16, \(bind: true), NULL, \(bind: admin), \(bind: now)),
                       (\(bind: UUID()), '2026-11', \(bind: id.uuidString), 23, \(bind: true), NULL, \(bind: admin), \(bind: now))
                """).run()
            result = try await build(app)
            #expect(cells(id)?[17] == .flag(true) && result.reasons[id.uuidString]?[.agreement] == "2026-11-02签订合作协议")
            // Training recorded after the month's end does not count for November.
            #expect(cells(id)?[18] == .flag(false))
            #expect(cells(id)?[20] == .flag(true) && result.reasons[id.uuidString]?[.kiosk]?.contains("KS-001") == true)
            #expect(cells(id)?[21] == .flag(true) && result.reasons[id.uuidString]?[.acceptance] == "2026-11-20验收92分，合格")
            #expect(cells(id)?[22] == .flag(true))
            // A township point is not asked for a kiosk, registered or not.
            #expect(cells(townshipID)?[20] == .notApplicable)
            let county = try #require(result.table.row(named: "芮城县小计"))
            #expect(county.cells[15] == .flag(true) && county.cells[20] == .number(1) && county.cells[21] == .number(1))
        }
    }

    @Test("the page and its exports: scope, future months refused, .xlsx read back, exports audited")
    func pageAndExports() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(admin, "/reports/monthly?month=2026-11")
            #expect(page.0 == .ok && page.1.contains("芮城县小计") && page.1.contains("最远居民区距服务点距离"))
            #expect(page.1.contains("title=\"有在岗业务操作员账号并已赋予经办权限\""))
            let future = try await app.getPage(admin, "/reports/monthly?month=2026-12")
            #expect(future.0 == .unprocessableEntity && future.1.contains("尚未开始"))
            #expect(try await app.getPage(admin, "/reports/monthly?division=140829000000").0 == .notFound)
            #expect(try await app.getPage(try await app.session(as: .villageOperator), "/reports/monthly").0 == .forbidden)
            let province = try await app.session(as: .taskForce)
            let whole = try await app.getPage(province, "/reports/monthly?month=2026-11")
            #expect(whole.0 == .ok && whole.1.contains("全省合计") && whole.1.contains("运城市"))
            var bytes: [UInt8] = []
            try await app.testing().test(.GET, "/reports/monthly/export?month=2026-11&format=xlsx", headers: admin.headers) { res in
                #expect(res.status == .ok)
                bytes = Array(res.body.readableBytesView)
            }
            let files = try #require(ZipArchive.read(bytes))
            let sheet = String(decoding: try #require(files["xl/worksheets/sheet1.xml"]), as: UTF8.self)
            #expect(sheet.contains("<mergeCell ref=\"C3:F3\"/>") && sheet.contains("<mergeCell ref=\"M4:O4\"/>"))
            #expect(sheet.contains("芮城县小计") && sheet.contains("<v>171</v>") && sheet.contains("报送单位(公章)：芮城县"))
            var csv = ""
            try await app.testing().test(.GET, "/reports/monthly/export?month=2026-11&format=csv", headers: admin.headers) { res in
                csv = res.body.string
            }
            #expect(csv == "\u{FEFF}" + (try await build(app)).table.csv.text)
            #expect(try await auditCount("monthly_report.export", result: "success", on: app) == 2)
        }
    }

    @Test("the command refuses a future month, an unknown county and an unknown format")
    func commandRefusals() async throws {
        try await TestApp.run { app in
            for arguments in [["monthly", "--county", "140830", "--month", "2026-12"], ["monthly", "--county", "149999", "--month", "2026-11"],
                              ["monthly", "--county", "140830", "--month", "2026-11", "--format", "pdf"], ["weekly", "--county", "140830"]] {
                await #expect(throws: PublicError.self) { try await run(app, arguments) }
            }
        }
    }
}
