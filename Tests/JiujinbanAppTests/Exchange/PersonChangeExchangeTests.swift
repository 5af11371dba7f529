import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23: item 30's changes reach the core system as 人员信息变更 records, in a file of their own; a rejection
/// gives the citizen record its before-values back (not over a later change) and returns the case.
@Suite("person changes: item 30 sends its changes to the core system; a rejection restores the citizen and returns the case")
struct PersonChangeExchangeTests {
    let helper = FixedJobsTests()

    /// The registered person of the tests (male; phone 13800001234, 汉族, no address), insured in the basic scheme.
    func insured(_ app: Application) async throws -> (person: UUID, village: TestSession) {
        let village = try await app.session(as: .villageOperator)
        let person = try await helper.citizen(app, village)
        try await InsuredPersonChangeTests().enrol(app, person)
        return (person, village)
    }

    func change(_ app: Application, _ village: TestSession, _ person: UUID, _ fields: [(String, String)]) async throws -> CaseRecord {
        #expect(try await helper.accept(app, village, citizen: person, item: 30, fields).0 == .seeOther)
        return try await RegistrationTests().lastCase(app, person, item: 30)
    }

    /// Exports the pending records into both files; the summary, the outbound file's lines and the person-change
    /// file's lines, each as fields by header name, and the person-change file's name.
    static func export(_ app: Application) async throws
        -> (summary: String, ledger: [[String: String]], people: [[String: String]], peopleFile: String)
    {
        let out = CoreExchangeTests.temporary("pending.csv")
        let people = CoreExchangeTests.temporary("people.csv")
        defer { for file in [out, people] { try? FileManager.default.removeItem(at: file) } }
        let summary = try await CoreExchangeTests.insurance(app, ["export-pending", "--out", out.path, "--person-changes-out", people.path])
        func lines(_ file: URL, _ header: [String]) throws -> [[String: String]] {
            let records = try CSVReader.records(of: String(decoding: try Data(contentsOf: file), as: UTF8.self))
            #expect(records.first?.fields == header)
            return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
        }
        return (summary, try lines(out, OutboundFile.header), try lines(people, PersonChangeFile.header), people.lastPathComponent)
    }

    func opened(_ sealed: String?, _ context: String, _ app: Application) throws -> String? {
        try sealed.map { try app.jiujinban.cipher.open($0, context: context) }
    }

    @Test("round trip: the changed fields go out before and after in their own file, sealed at rest; a confirmation keeps them")
    func exportAndConfirm() async throws {
        try await TestApp.run { app in
            let (person, village) = try await insured(app)
            // Checked but already the ID number's sex, and nothing else: nothing the core system holds changes.
            _ = try await change(app, village, person, [("check_sex", "yes")])
            #expect(try await InsuranceImportTests.count("insurance_outbound", app) == 0)
            let record = try await change(app, village, person, [("ethnicity", "回族"), ("residence_address", "古魏镇太安村三组15号"),
                                                                 ("phone", "13912345678")])
            let stored = try #require(try await (app.db as! any SQLDatabase).raw("SELECT kind, scheme, payload FROM insurance_outbound").first())
            #expect(try stored.decode(column: "kind", as: String.self) == "person_changes")
            #expect(try stored.decode(column: "scheme", as: String.self) == "resident_basic")
            let payload = try stored.decode(column: "payload", as: String.self)
            #expect(!payload.contains("13912345678") && !payload.contains("13800001234") && !payload.contains("三组15号"), "sealed at rest")

            let (summary, ledger, lines, file) = try await Self.export(app)
            #expect(summary == "已导出：交换记录 0 条（文件 0 行），人员信息变更 1 条（文件 \(file)，3 行），均已标记为已发送")
            #expect(ledger.isEmpty)
            #expect(lines.map { [$0["row"], $0["field"], $0["before"], $0["after"]] } == [
                ["1", "ethnicity", "汉族", "回族"], ["2", "residence_address", "", "古魏镇太安村三组15号"], ["3", "phone", "13800001234", "13912345678"],
            ])
            let line = try #require(lines.first)
            #expect(line["format_version"] == "1" && line["case_number"] == record.number && line["id_number"] == CitizenRegistryTests.idNumber
                && line["scheme"] == "resident_basic" && line["hukou_division"] == "140830100000")
            let id = try #require(line["record_id"])
            #expect(Set(lines.map { $0["record_id"] }) == [id])
            #expect(try await CoreExchangeTests.state(id, app) == "sent")
            #expect(try await auditCount("insurance.export_person_changes", result: "success", on: app) == 1)

            #expect(try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),confirmed,\n")
                .hasPrefix("已读取核心系统答复：确认 1 条，退回 0 条"))
            #expect(try await CoreExchangeTests.state(id, app) == "confirmed")
            let citizen = try #require(try await CitizenRecord.find(id: person, on: app.db))
            #expect(try citizen.ethnicity == "回族" && opened(citizen.phoneSealed, CitizenCrypto.phoneContext, app) == "13912345678")
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == "approved")
            #expect(try await Self.export(app).people.isEmpty)
        }
    }

    @Test("a rejection puts every changed field back, the corrected sex included, and returns the case with the core system's reason")
    func rejectRestores() async throws {
        try await TestApp.run { app in
            let (person, village) = try await insured(app)
            try await (app.db as! any SQLDatabase).update("citizens").set("sex", to: SQLBind(Sex.female.rawValue))
                .where("id", .equal, SQLBind(person)).run()
            let before = try #require(try await CitizenRecord.find(id: person, on: app.db))
            let record = try await change(app, village, person, [("ethnicity", "回族"), ("residence_address", "古魏镇太安村三组15号"),
                                                                 ("phone", "13912345678"), ("check_sex", "yes")])
            let lines = try await Self.export(app).people
            #expect(lines.map { [$0["field"], $0["before"], $0["after"]] }.last == ["sex", "女", "男"])
            let id = try #require(lines.first?["record_id"])

            let summary = try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),rejected,民族与户籍登记不符\n")
            #expect(summary == "已读取核心系统答复：确认 0 条，退回 1 条（已撤销台账变更并退回办件），此前已答复未改变 0 条")
            #expect(try await CoreExchangeTests.state(id, app) == "rejected")
            let after = try #require(try await CitizenRecord.find(id: person, on: app.db))
            #expect(after.ethnicity == "汉族" && after.sex == Sex.female.rawValue && after.residenceAddressSealed == nil)
            #expect(after.phoneSealed == before.phoneSealed, "the very sealed value the record held")
            let returned = try #require(try await CaseRecord.find(record.id, on: app.db))
            #expect(returned.state == "core_returned" && returned.decisionReason == "民族与户籍登记不符")
            let rows = try await auditedObjects("citizen.change_reversed", on: app)
            #expect(rows.count == 1 && rows.first?.object == person.uuidString
                && rows.first?.detail == "核心系统退回人员信息变更（办件\(record.number)）：已恢复民族、居住地址、联系电话、性别")
            #expect(try await auditCount("case.core_return", result: "success", on: app) == 1)
            // Answered: the same file again changes nothing.
            #expect(try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),rejected,民族与户籍登记不符\n")
                .hasSuffix("此前已答复未改变 1 条"))
            #expect(try await auditedObjects("citizen.change_reversed", on: app).count == 1)
        }
    }

    @Test("a field a later case changed keeps the newer value; the others come back, and the returned case says which was kept")
    func laterChangeKept() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let (person, village) = try await insured(app)
            let first = try await change(app, village, person, [("ethnicity", "回族"), ("phone", "13912345678")])
            clock.advance(by: 60)
            let second = try await change(app, village, person, [("phone", "13700001111")])
            let lines = try await Self.export(app).people
            #expect(lines.map { [$0["case_number"], $0["field"], $0["before"], $0["after"]] } == [
                [first.number, "ethnicity", "汉族", "回族"], [first.number, "phone", "13800001234", "13912345678"],
                [second.number, "phone", "13912345678", "13700001111"],
            ])
            let firstID = try #require(lines.first?["record_id"]), secondID = try #require(lines.last?["record_id"])

            let answers = "format_version,record_id,result,reason\n1,\(firstID),rejected,联系电话未核实\n1,\(secondID),confirmed,\n"
            #expect(try await CoreExchangeTests.acknowledge(app, answers).hasPrefix("已读取核心系统答复：确认 1 条，退回 1 条"))
            let citizen = try #require(try await CitizenRecord.find(id: person, on: app.db))
            #expect(citizen.ethnicity == "汉族")
            #expect(try opened(citizen.phoneSealed, CitizenCrypto.phoneContext, app) == "13700001111")
            let returned = try #require(try await CaseRecord.find(first.id, on: app.db))
            #expect(returned.state == "core_returned"
                && returned.decisionReason == "联系电话未核实；联系电话已在此后被其他办件变更，保留新值，未恢复")
            #expect(try await CaseRecord.find(second.id, on: app.db)?.state == "approved")
            #expect(try await auditedObjects("citizen.change_reversed", on: app).first?.detail
                == "核心系统退回人员信息变更（办件\(first.number)）：已恢复民族；联系电话在此后已被其他办件变更，保留新值")
        }
    }

    @Test("both rejected in one file: undone newest first, so the first change's before-value comes back")
    func bothRejected() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let (person, village) = try await insured(app)
            let before = try #require(try await CitizenRecord.find(id: person, on: app.db)).phoneSealed
            _ = try await change(app, village, person, [("phone", "13912345678")])
            clock.advance(by: 60)
            _ = try await change(app, village, person, [("phone", "13700001111")])
            let ids = try await Self.export(app).people.compactMap { $0["record_id"] }
            let answers = "format_version,record_id,result,reason\n" + ids.map { "1,\($0),rejected,不符\n" }.joined()
            #expect(try await CoreExchangeTests.acknowledge(app, answers).hasPrefix("已读取核心系统答复：确认 0 条，退回 2 条"))
            #expect(try await CitizenRecord.find(id: person, on: app.db)?.phoneSealed == before)
        }
    }

    @Test("insurance import --kind person_changes is refused: the kind only goes out")
    func notImportable() async throws {
        try await TestApp.run { app in
            await #expect(throws: PublicError.self) {
                try await InsuranceImportTests.importFile(app, kind: .personChanges, csv: PersonChangeFile.header.joined(separator: ",") + "\n")
            }
            do {
                _ = try await CoreExchangeTests.insurance(app, ["import", "--kind", "person_changes", "--file", "x.csv"])
                Issue.record("the kind was accepted")
            } catch let error as PublicError {
                #expect(error.reason == "--kind 应为 enrolments、contributions、entitlements、payments（person_changes 人员信息变更只由本平台发往核心系统，不能导入）")
            }
        }
    }
}
