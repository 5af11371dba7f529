import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3 (outbound): `export-pending` and `import-acknowledgements` on cases the items made.
@Suite("exchange with the core system: export pending, acknowledgements confirm or reverse and return the case")
struct CoreExchangeTests {
    static let tables = ["insurance_enrolments", "insurance_enrolment_statuses"]

    /// Runs `jiujinban insurance <arguments>` as the county's business admin, or as `operatorID`; its output line.
    static func insurance(_ app: Application, _ arguments: [String], operatorID: UUID? = nil) async throws -> String {
        let admin = if let operatorID { operatorID } else { try await InsuranceImportTests.admin(app).requireID() }
        let lines = LockedLines()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments
            + ["--operator", admin.uuidString]))
        context.application = app
        try await InsuranceCommand(output: { lines.append($0) }, progress: .silent).run(using: &context)
        return lines.all.joined(separator: "\n")
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)-\(name)")
    }

    /// Exports the pending records; the file's lines as records of fields by header name.
    static func export(_ app: Application, operatorID: UUID? = nil) async throws -> (summary: String, lines: [[String: String]]) {
        let file = temporary("pending.csv")
        let people = URL(fileURLWithPath: PersonChangeExport.path(besides: file.path))
        defer { for written in [file, people] { try? FileManager.default.removeItem(at: written) } }
        let summary = try await insurance(app, ["export-pending", "--out", file.path], operatorID: operatorID)
        for written in [file, people] {
            // Full ID and account numbers: readable by the owner only.
            let mode = try FileManager.default.attributesOfItem(atPath: written.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(written.lastPathComponent) is mode \(String(mode ?? 0, radix: 8))")
        }
        // No person change among these cases: their file is still written beside, with its header only.
        #expect(String(decoding: try Data(contentsOf: people), as: UTF8.self) == PersonChangeFile.header.joined(separator: ",") + "\r\n")
        let records = try CSVReader.records(of: String(decoding: try Data(contentsOf: file), as: UTF8.self))
        let header = try #require(records.first).fields
        #expect(header == OutboundFile.header)
        return (summary, records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) })
    }

    static func acknowledge(_ app: Application, _ csv: String, operatorID: UUID? = nil) async throws -> String {
        let file = temporary("ack.csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await insurance(app, ["import-acknowledgements", "--file", file.path], operatorID: operatorID)
    }

    static func state(_ id: String, _ app: Application) async throws -> String {
        try await (app.db as! any SQLDatabase).raw("SELECT state FROM insurance_outbound WHERE id = \(bind: UUID(uuidString: id)!)").first()!
            .decode(column: "state", as: String.self)
    }

    static func ledger(_ person: UUID, _ app: Application) async throws -> [[String]] {
        var all: [[String]] = []
        for table in tables { all.append(try await LedgerChangesTests.snapshot(table, person, app)) }
        return all
    }

    /// An imported insured person (参保缴费 since 2015), suspended at the counter for 失踪 and approved by the county.
    static func suspended(_ app: Application) async throws -> (person: UUID, before: [[String]], record: CaseRecord) {
        try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: LedgerChangesTests.enrolments)
        let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
        let before = try await ledger(person, app)
        let village = try await app.session(as: .villageOperator)
        let reviewer = try await app.session(as: .reviewer)
        let accepted = try await RegistrationTests().accept(app, village, citizen: person, item: 31,
                                                            [("action", "suspend"), ("reason", "missing"), ("effective_on", "2026-11-20")])
        #expect(accepted.0 == .seeOther)
        let record = try await RegistrationTests().lastCase(app, person, item: 31)
        #expect(try await RegistrationTests().act(app, reviewer, record, [("action", "approve")]).0 == .seeOther)
        return (person, before, record)
    }

    @Test("round trip: exported once as sent (again while unanswered); a rejection restores the exact before-image and returns the case with the reason; a repeated answer changes nothing")
    func rejectRoundTrip() async throws {
        try await TestApp.run { app in
            let (person, before, record) = try await Self.suspended(app)
            #expect(try await Self.ledger(person, app) != before)
            let (summary, lines) = try await Self.export(app)
            #expect(summary == "已导出：交换记录 1 条（文件 1 行），均已标记为已发送")
            let line = try #require(lines.first)
            #expect(line["kind"] == "enrolments" && line["case_number"] == record.number && line["id_number"] == "140830199001011232")
            #expect(line["status"] == "暂停缴费" && line["status_reason"] == "失踪" && line["status_date"] == "2026-11-20" && line["grade"] == "500")
            let id = try #require(line["record_id"])
            #expect(try await Self.state(id, app) == "sent")
            // Unanswered: the next export sends it again.
            #expect(try await Self.export(app).lines.map { $0["record_id"] } == [id])
            #expect(try await auditCount("insurance.export_pending", result: "success", on: app) == 2)

            let answer = "format_version,record_id,result,reason\n1,\(id),rejected,暂停原因与核心系统记录不符\n"
            #expect(try await Self.acknowledge(app, answer) == "已读取核心系统答复：确认 0 条，退回 1 条（已撤销台账变更并退回办件），此前已答复未改变 0 条")
            #expect(try await Self.state(id, app) == "rejected")
            #expect(try await Self.ledger(person, app) == before)
            let returned = try #require(try await CaseRecord.find(record.id, on: app.db))
            #expect(returned.state == "core_returned" && returned.decisionReason == "暂停原因与核心系统记录不符")
            let village = try await app.session(as: .villageOperator)
            let workbench = try await app.getPage(village, "/cases")
            #expect(workbench.0 == .ok && workbench.1.contains("核心系统退回（1）") && workbench.1.contains(record.number)
                && workbench.1.contains("核心系统退回：暂停原因与核心系统记录不符"))
            let page = try await app.getPage(village, "/cases/\(try record.requireID().uuidString.lowercased())")
            #expect(page.1.contains("核心系统退回原因") && page.1.contains("暂停原因与核心系统记录不符"))
            #expect(try await auditCount("case.core_return", result: "success", on: app) == 1)

            // The same file again, and a late confirmation: nothing changes.
            #expect(try await Self.acknowledge(app, answer).hasSuffix("此前已答复未改变 1 条"))
            #expect(try await Self.acknowledge(app, "format_version,record_id,result\n1,\(id),confirmed\n").hasSuffix("此前已答复未改变 1 条"))
            #expect(try await Self.state(id, app) == "rejected")
            #expect(try await Self.ledger(person, app) == before)
            #expect(try await auditCount("case.core_return", result: "success", on: app) == 1)
            #expect(try await Self.export(app).lines.isEmpty)
        }
    }

    @Test("a confirmation keeps the ledger change and the approved case")
    func confirm() async throws {
        try await TestApp.run { app in
            let (person, before, record) = try await Self.suspended(app)
            let after = try await Self.ledger(person, app)
            let id = try #require(try await Self.export(app).lines.first?["record_id"])
            let summary = try await Self.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),confirmed,\n")
            #expect(summary.hasPrefix("已读取核心系统答复：确认 1 条，退回 0 条"))
            #expect(try await Self.state(id, app) == "confirmed")
            #expect(try await Self.ledger(person, app) == after && after != before)
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == "approved")
        }
    }

    @Test("a file with problems is refused naming every line, and nothing is written")
    func refusedFile() async throws {
        try await TestApp.run { app in
            let (person, _, record) = try await Self.suspended(app)
            let pending = try #require(try await (app.db as! any SQLDatabase).raw("SELECT id FROM insurance_outbound").first()?
                .decode(column: "id", as: UUID.self)).uuidString.lowercased()
            let after = try await Self.ledger(person, app)
            let unknown = UUID().uuidString.lowercased()
            let file = "format_version,record_id,result,reason,extra\n"
            await #expect(throws: PublicError.self) { try await Self.acknowledge(app, file + "1,\(pending),rejected,x,\n") }
            do {
                _ = try await Self.acknowledge(app, "format_version,record_id,result,reason\n1,\(pending),rejected,\n2,\(unknown),confirmed,\n1,nope,maybe,\n")
                Issue.record("a file with errors was accepted")
            } catch let error as PublicError {
                #expect(error.reason.contains("第2行 reason：核心系统退回时必须填写退回原因"))
                #expect(error.reason.contains("第3行 format_version：格式版本应为1"))
                #expect(error.reason.contains("第4行 record_id：交换记录编号“nope”不是有效的编号") && error.reason.contains("第4行 result："))
            }
            do {
                _ = try await Self.acknowledge(app, "format_version,record_id,result,reason\n1,\(pending),rejected,不符\n1,\(unknown),confirmed,\n")
                Issue.record("a file with errors was accepted")
            } catch let error as PublicError {
                #expect(error.reason.contains("第2行 record_id：该交换记录尚未发送，不能答复"))
                #expect(error.reason.contains("第3行 record_id：没有编号为\(unknown)的交换记录"))
            }
            #expect(try await Self.state(pending, app) == "pending")
            #expect(try await Self.ledger(person, app) == after)
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == "approved")
            #expect(try await auditCount("insurance.import_acknowledgements", result: "failed", on: app) == 3)
        }
    }

    @Test("a clerk named as operator is refused for export and acknowledgements, each refusal audited under its event, nothing written")
    func clerkRefused() async throws {
        try await TestApp.run { app in
            let (person, _, record) = try await Self.suspended(app)
            let after = try await Self.ledger(person, app)
            let pending = try #require(try await (app.db as! any SQLDatabase).raw("SELECT id FROM insurance_outbound").first()?
                .decode(column: "id", as: UUID.self)).uuidString.lowercased()
            let clerk = try #require(try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue).first()).requireID()
            let file = Self.temporary("pending.csv")
            let export = try await #require(throws: PublicError.self) {
                try await Self.insurance(app, ["export-pending", "--out", file.path], operatorID: clerk)
            }
            #expect(export.reason == "--operator：只有业务管理员可以导出待发送的交换记录")
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(try await auditedObjects("insurance.export_pending", on: app).map(\.detail)
                    == ["拒绝导出待发送的交换记录：只有业务管理员可以导出待发送的交换记录"])
            #expect(try await auditCount("insurance.export_pending", result: AuditResult.denied.rawValue, on: app) == 1)
            #expect(try await Self.state(pending, app) == "pending")

            let answer = "format_version,record_id,result,reason\n1,\(pending),rejected,不符\n"
            let acknowledged = try await #require(throws: PublicError.self) { try await Self.acknowledge(app, answer, operatorID: clerk) }
            #expect(acknowledged.reason == "--operator：只有业务管理员可以导入核心系统的答复")
            #expect(try await auditedObjects("insurance.import_acknowledgements", on: app).map(\.detail)
                    == ["拒绝导入核心系统的答复：只有业务管理员可以导入核心系统的答复"])
            #expect(try await auditCount("insurance.import_acknowledgements", result: AuditResult.denied.rawValue, on: app) == 1)
            #expect(try await Self.state(pending, app) == "pending")
            #expect(try await Self.ledger(person, app) == after)
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == "approved")
        }
    }

    @Test("another county's business admin exports none of Ruicheng's records and may not acknowledge them; nothing is written")
    func otherCountyScope() async throws {
        try await TestApp.run { app in
            let (person, _, record) = try await Self.suspended(app)
            let after = try await Self.ledger(person, app)
            let pinglu = try await InsuranceImportTests.pingluAdmin(app)
            let id = try #require(try await (app.db as! any SQLDatabase).raw("SELECT id FROM insurance_outbound").first()?
                .decode(column: "id", as: UUID.self)).uuidString.lowercased()

            let theirs = try await Self.export(app, operatorID: pinglu)
            #expect(theirs.summary == "已导出：交换记录 0 条（文件 0 行），均已标记为已发送" && theirs.lines.isEmpty)
            #expect(try await Self.state(id, app) == "pending")

            #expect(try await Self.export(app).lines.map { $0["record_id"] } == [id])
            #expect(try await Self.state(id, app) == "sent")
            let answer = "format_version,record_id,result,reason\n1,\(id),rejected,暂停原因与核心系统记录不符\n"
            let refused = try await #require(throws: PublicError.self) { try await Self.acknowledge(app, answer, operatorID: pinglu) }
            #expect(refused.reason.contains("第2行 record_id：没有编号为\(id)的交换记录（或不在操作人员的辖区内）"))
            #expect(try await Self.state(id, app) == "sent")
            #expect(try await Self.ledger(person, app) == after)
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == "approved")
            #expect(try await auditCount("case.core_return", on: app) == 0)
            #expect(try await auditCount("insurance.import_acknowledgements", result: AuditResult.success.rawValue, on: app) == 0)
        }
    }
}
