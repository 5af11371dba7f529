import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit trail: one row per action, same transaction, hash chain (S16–S18)")
struct AuditTests {
    static let pointFields: [(String, String)] = [
        ("division_code", "140830100000"), ("kind", "bank_branch"), ("name", "审计测试网点"), ("institution", "某银行古魏支行"),
        ("address", "芮城县古魏镇某街1号"), ("longitude", "110.69"), ("latitude", "34.69"), ("farthest_km", "1"),
    ]

    @Test("creating a service point writes exactly one complete audit row")
    func oneRowPerAction() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(Self.pointFields)) { res in
                #expect(res.status == .seeOther)
            }
            let rows = try await AuditLogController.search(.init(action: "service_point.create"), on: app.db)
            #expect(rows.count == 1)
            let entry = try #require(rows.first?.entry)
            #expect(entry.userID == admin.accountID)
            #expect(entry.role == "system_admin")
            #expect(entry.orgUnit == "dept:140830000000")
            #expect(entry.ipAddress != nil)
            #expect(entry.objectID == "14083010000003")
            #expect(entry.result == .success)
        }
    }

    @Test("if the audit row cannot be written, the change is not written either (S17)")
    func auditFailureRollsBack() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await ServicePoint.query(on: app.db).count()
            try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_head").run()
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(Self.pointFields)) { res in
                #expect(res.status == .internalServerError)
            }
            let after = try await ServicePoint.query(on: app.db).count()
            #expect(after == before)
        }
    }

    func verify(_ app: Application, arguments: [String] = []) async throws -> (passed: Bool, output: String) {
        let capture = LinesCapture()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "verify"] + arguments))
        context.application = app
        do {
            try await AuditCommand(output: capture.append).run(using: &context)
            return (true, capture.text)
        } catch is AuditVerificationFailed {
            return (false, capture.text)
        }
    }

    /// Three more audited actions, so there are rows in the middle to tamper with; then the instance's checkpoint
    /// moves on, as the running server's does within a second.
    func makeRows(_ app: Application) async throws {
        let admin = try await app.session(as: .countySystemAdmin)
        for _ in 0..<3 {
            try await app.testing().test(.GET, "/divisions/140830000000/x", headers: admin.headers) { _ in }
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(Self.pointFields)) { _ in }
        }
        try await app.auditAnchor.checkpoint(app)
    }

    @Test("audit verify passes on an intact chain and names the row count")
    func intact() async throws {
        try await TestApp.run { app in
            try await makeRows(app)
            let result = try await verify(app)
            #expect(result.passed)
            // The demonstration data's row, three service points, and the anchor's start on a table without one.
            #expect(result.output.contains("共校验 5 行"), "\(result.output)")
            #expect(try await auditCount("audit.anchor_started", on: app) == 1)
        }
    }

    @Test("audit verify detects an edited, a deleted and a reordered row", arguments: [
        "UPDATE audit_log SET detail = 'forged' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 4",
        "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -2",
    ])
    func tampering(statement: String) async throws {
        try await TestApp.run { app in
            try await makeRows(app)
            for part in statement.split(separator: ";") {
                try await (app.db as! any SQLDatabase).raw(SQLQueryString(String(part))).run()
            }
            let result = try await verify(app)
            #expect(!result.passed, "\(statement)")
            #expect(result.output.contains("第一处破坏"))
        }
    }

    @Test("the first province system admin comes from bootstrap-admin, once; production-style boot creates no account")
    func bootstrap() async throws {
        try await TestApp.run(demo: false) { app in
            let accountsBefore = try await AccountRecord.query(on: app.db).count()
            #expect(accountsBefore == 0)
            // Divisions without demonstration staff.
            for division in [Division(code: "140000000000", name: "山西省", shortName: "山西省", level: .province, parentCode: nil)] {
                try await division.create(on: app.db)
            }
            func run(_ arguments: [String]) async throws {
                var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
                context.application = app
                try await BootstrapAdminCommand().run(using: &context)
            }
            let arguments = ["--name", "王建华", "--id-number", "140100197503120310", "--phone", "13903590001"]
            await #expect(throws: PublicError.self) { try await run(["--name", "王建华", "--id-number", "140100197503120311", "--phone", "13903590001"]) }
            try await run(arguments)
            let accounts = try await AccountRecord.query(on: app.db).all()
            #expect(accounts.map(\.post) == ["system_admin"])
            await #expect(throws: PublicError.self) { try await run(arguments) }
            let bootstrapped = try await auditCount("account.bootstrap", on: app)
            #expect(bootstrapped == 1)
        }
    }

    @Test("the raw SQLite file holds no seeded ID number or phone in clear (S21)", .enabled(if: !TestDatabase.usesPostgres))
    func noClearPersonalData() async throws {
        var path = ""
        try await TestApp.run { app in
            if case .sqlite(let file) = app.jiujinban.configuration.database { path = file }
            try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            // The database file and its write-ahead log together: a checkpoint that another connection holds back
            // leaves recent pages in the log, which is as much "at rest" as the file.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let log = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes.append(log) }
            for member in DemoStaff.members {
                #expect(bytes.range(of: Data(member.idNumber.utf8)) == nil)
                #expect(bytes.range(of: Data(member.phone.utf8)) == nil)
            }
            #expect(bytes.range(of: Data("王建华".utf8)) != nil) // the file was really read
        }
    }
}

final class LinesCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var append: @Sendable (String) -> Void { { [self] line in lock.withLock { lines.append(line) } } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
