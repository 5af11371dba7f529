import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3: a rejection whose ledger row was changed since by what can never be undone first (a
/// change the core system confirmed, or an import from it) is recorded without undoing the row, the case returned
/// for manual reconciliation; while that later change is unanswered, the file is refused as before.
@Suite("核心系统退回 of a change replaced since: recorded unreversed when the later change is confirmed or imported, refused while it is unanswered")
struct UnreversedRejectionTests {
    static let note = "台账记录已被其后已确认的办件（或核心系统导入）更改，未自动撤销，请县业务管理员与核心系统人工核对"

    /// Item 31 suspended (record sent) and then resumed at the counter, approved: the first case, its sent record, and
    /// the second case with its record still pending.
    static func suspendedThenResumed(_ app: Application) async throws
        -> (person: UUID, first: CaseRecord, firstRecord: String, second: CaseRecord, secondRecord: String) {
        let (person, _, first) = try await CoreExchangeTests.suspended(app)
        let firstRecord = try #require(try await CoreExchangeTests.export(app).lines.first?["record_id"])
        let village = try await app.session(as: .villageOperator)
        let reviewer = try await app.session(as: .reviewer)
        let accepted = try await RegistrationTests().accept(app, village, citizen: person, item: 31,
                                                            [("action", "resume"), ("effective_on", "2026-11-24")])
        #expect(accepted.0 == .seeOther)
        let second = try await RegistrationTests().lastCase(app, person, item: 31)
        #expect(second.id != first.id)
        #expect(try await RegistrationTests().act(app, reviewer, second, [("action", "approve")]).0 == .seeOther)
        let sent = try await CoreExchangeTests.export(app).lines
        let secondRecord = try #require(sent.first { $0["case_number"] == second.number }?["record_id"])
        #expect(Set(sent.compactMap { $0["record_id"] }) == [firstRecord, secondRecord])
        return (person, first, firstRecord, second, secondRecord)
    }

    static func reject(_ record: String, _ app: Application) async throws -> String {
        try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(record),rejected,暂停原因与核心系统记录不符\n")
    }

    /// The returned case: rejected record, the case back at its point with the reason and the note, on its page too.
    static func expectReturnedUnreversed(_ record: String, _ caseRecord: CaseRecord, _ app: Application) async throws {
        #expect(try await CoreExchangeTests.state(record, app) == "rejected")
        let returned = try #require(try await CaseRecord.find(caseRecord.id, on: app.db))
        #expect(returned.state == "core_returned" && returned.decisionReason == "暂停原因与核心系统记录不符；" + note)
        let village = try await app.session(as: .villageOperator)
        let page = try await app.getPage(village, "/cases/\(try caseRecord.requireID().uuidString.lowercased())")
        #expect(page.0 == .ok && page.1.contains("核心系统退回原因") && page.1.contains(note))
        let told = try await CaseReviewTests().notifications(app, of: village.accountID).filter { $0.title.contains("核心系统退回") }
        #expect(told.count == 1 && told.first?.body.contains(note) == true)
        #expect(try await auditCount("case.core_return", result: "success", on: app) == 1)
    }

    @Test("the later change confirmed: the earlier rejection is recorded, the row keeps the later state, the case returns for manual reconciliation, audited")
    func laterConfirmed() async throws {
        try await TestApp.run { app in
            let (person, first, firstRecord, second, secondRecord) = try await Self.suspendedThenResumed(app)
            let confirmed = try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(secondRecord),confirmed,\n")
            #expect(confirmed.hasPrefix("已读取核心系统答复：确认 1 条，退回 0 条"))
            let resumed = try await CoreExchangeTests.ledger(person, app)

            let summary = try await Self.reject(firstRecord, app)
            #expect(summary == "已读取核心系统答复：确认 0 条，退回 1 条（已撤销台账变更并退回办件；其中 1 条的台账记录已被其后已确认的办件或核心系统导入更改，"
                + "未撤销，待人工核对），此前已答复未改变 0 条")
            #expect(try await CoreExchangeTests.ledger(person, app) == resumed, "the confirmed later state is kept, history included")
            try await Self.expectReturnedUnreversed(firstRecord, first, app)
            #expect(try await CaseRecord.find(second.id, on: app.db)?.state == "approved")
            #expect(try await CoreExchangeTests.state(secondRecord, app) == "confirmed")
            let audited = try await auditedObjects("insurance.acknowledgement_unreversed", on: app)
            #expect(audited.count == 1 && audited.first?.object == firstRecord)
            #expect(audited.first?.detail == "核心系统退回（办件\(first.number)），台账未撤销：该人员的参保登记已被其后已被核心系统确认的交换记录"
                + "\(secondRecord)（办件\(second.number)）更改，请县业务管理员与核心系统人工核对")
            #expect(try await auditedObjects("insurance.import_acknowledgements", on: app).last?.detail.contains("退回1条（其中未撤销台账变更1条）") == true)
        }
    }

    @Test("the later change confirmed in the same file: confirmations apply first, so the rejection is recorded unreversed beside the confirmation")
    func laterConfirmedInTheSameFile() async throws {
        try await TestApp.run { app in
            let (person, first, firstRecord, second, secondRecord) = try await Self.suspendedThenResumed(app)
            let resumed = try await CoreExchangeTests.ledger(person, app)
            let summary = try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n"
                + "1,\(firstRecord),rejected,暂停原因与核心系统记录不符\n1,\(secondRecord),confirmed,\n")
            #expect(summary.hasPrefix("已读取核心系统答复：确认 1 条，退回 1 条（已撤销台账变更并退回办件；其中 1 条"))
            #expect(try await CoreExchangeTests.ledger(person, app) == resumed)
            try await Self.expectReturnedUnreversed(firstRecord, first, app)
            #expect(try await CoreExchangeTests.state(secondRecord, app) == "confirmed")
            #expect(try await CaseRecord.find(second.id, on: app.db)?.state == "approved")
            #expect(try await auditCount("insurance.acknowledgement_unreversed", on: app) == 1)
        }
    }

    @Test("the row re-imported from a core file since: the rejection is recorded unreversed, the imported row kept, audited as an import")
    func reimported() async throws {
        try await TestApp.run { app in
            let (person, _, first) = try await CoreExchangeTests.suspended(app)
            let record = try #require(try await CoreExchangeTests.export(app).lines.first?["record_id"])
            let core = InsuranceImportTests.person + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
                + "1,140830199001011232,张三,140830100204,resident_basic,140830000000,新农保,500,2015-03-01,暂停缴费,2026-11-22,失踪\n"
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: core)
            let imported = try await CoreExchangeTests.ledger(person, app)

            #expect(try await Self.reject(record, app).contains("其中 1 条的台账记录已被其后已确认的办件或核心系统导入更改"))
            #expect(try await CoreExchangeTests.ledger(person, app) == imported)
            #expect(try await LedgerChangesTests.snapshot("insurance_enrolments", person, app).first?.contains("status_date=2026-11-22") == true)
            try await Self.expectReturnedUnreversed(record, first, app)
            #expect(try await auditedObjects("insurance.acknowledgement_unreversed", on: app).map(\.detail)
                    == ["核心系统退回（办件\(first.number)），台账未撤销：该人员的参保登记已被其后的核心系统导入更改，请县业务管理员与核心系统人工核对"])
        }
    }

    @Test("the later change still sent: the file is refused naming the line, as before, and nothing is written")
    func laterUnanswered() async throws {
        try await TestApp.run { app in
            let (person, first, firstRecord, second, secondRecord) = try await Self.suspendedThenResumed(app)
            let resumed = try await CoreExchangeTests.ledger(person, app)
            let refused = try await #require(throws: PublicError.self) { try await Self.reject(firstRecord, app) }
            #expect(refused.reason.contains("第2行 result：台账记录在此后已被其他办件更改，不能自动撤销，请人工核对后处理"))
            #expect(try await CoreExchangeTests.state(firstRecord, app) == "sent")
            #expect(try await CoreExchangeTests.state(secondRecord, app) == "sent")
            #expect(try await CoreExchangeTests.ledger(person, app) == resumed)
            #expect(try await CaseRecord.find(first.id, on: app.db)?.state == "approved")
            #expect(try await CaseRecord.find(second.id, on: app.db)?.state == "approved")
            #expect(try await auditCount("insurance.acknowledgement_unreversed", on: app) == 0)
            #expect(try await auditCount("case.core_return", on: app) == 0)
            #expect(try await auditCount("insurance.import_acknowledgements", result: "failed", on: app) == 1)
        }
    }
}
