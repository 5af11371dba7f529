import ConsoleKit
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit retention: archive, then purge rows older than 184 days (S19)")
struct AuditPurgeTests {
    /// Runs `jiujinban audit …` and returns what it printed.
    func audit(_ app: Application, _ arguments: [String]) async throws -> String {
        let capture = LinesCapture()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
        context.application = app
        try await AuditCommand(output: capture.append).run(using: &context)
        return capture.text
    }

    func verifies(_ app: Application) async throws -> Bool {
        do {
            _ = try await audit(app, ["verify"])
            return true
        } catch is AuditVerificationFailed {
            return false
        }
    }

    /// Creates `count` service points, one audit row each, at the clock's current time; then the instance's
    /// checkpoint moves on, as the running server's does within a second.
    func auditedActions(_ app: Application, count: Int) async throws {
        let admin = try await app.session(as: .countySystemAdmin)
        for _ in 0..<count {
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders,
                                         body: admin.form(AuditTests.pointFields)) { res in
                #expect(res.status == .seeOther)
            }
        }
        try await app.auditAnchor.checkpoint(app)
    }

    func rowCount(_ app: Application, _ condition: String = "1 = 1") async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_log WHERE \(unsafeRaw: condition)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func archives(_ app: Application) throws -> [URL] {
        let directory = URL(fileURLWithPath: app.jiujinban.configuration.dataDirectory)
            .appendingPathComponent(AuditArchiveFile.directoryName)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static let cutMilliseconds = AuditInstant(TestApp.fixedNow.addingTimeInterval(-184 * 86_400)).millisecondsSince1970

    @Test("rows older than the cut are archived, then deleted; younger rows stay; verify passes, before and after")
    func purge() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-200 * 86_400))
        try await TestApp.run(clock: clock.appClock) { app in
            try await auditedActions(app, count: 3)
            clock.advance(by: 100 * 86_400)
            try await auditedActions(app, count: 2)
            clock.advance(by: 100 * 86_400) // now TestApp.fixedNow: the first rows are 200 days old, the others 100
            let old = try await rowCount(app, "occurred_at_ms < \(Self.cutMilliseconds)")
            let young = try await rowCount(app, "occurred_at_ms >= \(Self.cutMilliseconds)")
            #expect(old >= 3)
            #expect(young == 2)
            let before = try await verifies(app)
            #expect(before)

            let output = try await audit(app, ["purge"]) // --keep-days 184 by default
            #expect(output.contains("共 \(old) 行"))

            // The archive: a header and one line per purged row, verifiable on its own with the key.
            let files = try archives(app)
            #expect(files.map(\.lastPathComponent).count == 1)
            let file = try #require(files.first)
            #expect(file.lastPathComponent.hasPrefix("audit-archive-1-\(old)-"))
            let data = try Data(contentsOf: file)
            #expect(data.split(separator: UInt8(ascii: "\n")).count == old + 1)
            let header = try AuditArchive.check(data, key: app.jiujinban.keys.auditKey).get()
            #expect(header.rowCount == old)
            #expect(header.after == nil)
            #expect(header.through.seq == Int64(old))
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)

            // The table: the old rows are gone, the young ones stay, the purge itself is audited.
            let oldLeft = try await rowCount(app, "occurred_at_ms < \(Self.cutMilliseconds)")
            let youngLeft = try await rowCount(app, "occurred_at_ms >= \(Self.cutMilliseconds) AND action <> 'audit.purged'")
            let purges = try await auditCount("audit.purged", on: app)
            #expect(oldLeft == 0)
            #expect(youngLeft == young)
            #expect(purges == 1)
            let checkpoint = try await AuditTrail.checkpoint(on: app.db)
            #expect(checkpoint == header.through.head)

            let verifyOutput = try await audit(app, ["verify"])
            #expect(verifyOutput.contains("共校验 \(young + 1) 行"))

            // Nothing more is old enough; 200 days later the next purge continues from the checkpoint.
            let nothing = try await audit(app, ["purge"])
            #expect(nothing.contains("没有超过保存期限"))
            clock.advance(by: 200 * 86_400)
            try await auditedActions(app, count: 1)
            _ = try await audit(app, ["purge", "--keep-days", "190"])
            let second = try archives(app)
            #expect(second.count == 2)
            let secondHeader = try AuditArchive.check(try Data(contentsOf: second.last!), key: app.jiujinban.keys.auditKey).get()
            #expect(secondHeader.after == header.through)
            let after = try await verifies(app)
            #expect(after)
        }
    }

    @Test("a cut reaching rows younger than 184 days is refused: no file, no row deleted")
    func refusesRecentCut() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-200 * 86_400))
        try await TestApp.run(clock: clock.appClock) { app in
            try await auditedActions(app, count: 2)
            clock.advance(by: 200 * 86_400)
            let rows = try await rowCount(app)
            // Today is 2026-11-25: 184 days back is 2026-05-25 10:00, so 05-25 is the latest date --before may name.
            for arguments in [["purge", "--before", "2026-05-26"], ["purge", "--keep-days", "183"],
                              ["purge", "--before", "2026-05-25", "--keep-days", "200"]] {
                let error = await #expect(throws: PublicError.self) { _ = try await audit(app, arguments) }
                #expect(error?.reason.contains("184") == true || error?.reason.contains("只能选一个") == true, "\(arguments)")
            }
            let refusal = await #expect(throws: PublicError.self) { _ = try await audit(app, ["purge", "--before", "2026-05-26"]) }
            #expect(refusal?.reason.contains("最晚只能清理2026年5月25日之前的记录") == true)
            let noArchive = try archives(app)
            #expect(noArchive.isEmpty)
            let unchanged = try await rowCount(app)
            #expect(unchanged == rows)

            _ = try await audit(app, ["purge", "--before", "2026-05-25"])
            let archived = try archives(app)
            #expect(archived.count == 1)
            let verified = try await verifies(app)
            #expect(verified)
        }
    }

    @Test("after a purge, a deleted row or a checkpoint planted without a purge is detected")
    func tamperingAfterPurge() async throws {
        for tampering in ["delete a kept row", "plant a checkpoint"] {
            let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-200 * 86_400))
            try await TestApp.run(clock: clock.appClock) { app in
                try await auditedActions(app, count: 2)
                clock.advance(by: 200 * 86_400)
                try await auditedActions(app, count: 3)
                _ = try await audit(app, ["purge"])
                let sql = app.db as! any SQLDatabase
                let first = try #require(try await sql.raw("SELECT MIN(seq) AS s FROM audit_log").first()?.decode(column: "s", as: Int64.self))
                switch tampering {
                case "delete a kept row":
                    try await sql.raw("DELETE FROM audit_log WHERE seq = \(bind: first + 1)").run()
                default:
                    // Hide two more rows behind a checkpoint that names the last of them, as if a purge had.
                    let hidden = try #require(try await AuditPurge.head(at: first + 1, on: app.db))
                    try await sql.raw("DELETE FROM audit_log WHERE seq <= \(bind: hidden.sequence)").run()
                    try await sql.insert(into: "audit_archives")
                        .columns("through_seq", "through_hash", "row_count", "file_name", "archived_at_ms")
                        .values(SQLBind(hidden.sequence), SQLBind(hidden.hash.hexEncoded), SQLBind(Int64(2)),
                                SQLBind("forged.jsonl"), SQLBind(Int64(0)))
                        .run()
                }
                let passed = try await verifies(app)
                #expect(!passed, "\(tampering)")
            }
        }
    }
}
