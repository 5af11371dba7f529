import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3: the ledger writer the items' effects call, and its reversal.
@Suite("ledger writer: rows by natural key, status history, one outbound record per change, exact reversal")
struct LedgerChangesTests {
    static let enrolments = InsuranceImportTests.person
        + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
        + "1,140830199001011232,张三,140830100204,resident_basic,140830000000,新农保,500,2015-03-01,参保缴费,2015-03-01,\n"

    static func effect(_ app: Application, citizen: UUID) -> CaseEffect {
        CaseEffect(caseID: UUID(), caseNumber: "TEST-1", citizenID: citizen, servicePointID: UUID(), actorAccount: nil,
                   at: TestApp.fixedNow.addingTimeInterval(3_600), today: app.jiujinban.clock.today, cipher: app.jiujinban.cipher,
                   audit: { event, _ in Issue.record("a ledger change audits nothing of its own, yet \(event.action) was audited") })
    }

    /// Every column of the person's rows of `table`, one text per row, sorted: the exact state to compare.
    static func snapshot(_ table: String, _ citizen: UUID, _ app: Application) async throws -> [String] {
        let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM \(ident: table) WHERE citizen_id = \(bind: citizen)").all()
        return try rows.map { row in
            try row.allColumns.sorted().filter { $0 != "citizen_id" }.map { column in
                do {
                    let number = try row.decode(column: column, as: Int64?.self)
                    return "\(column)=\(number.map(String.init) ?? "nil")"
                } catch {
                    return "\(column)=\(try row.decode(column: column, as: String?.self) ?? "nil")"
                }
            }.joined(separator: ",")
        }.sorted()
    }

    static func apply(_ change: LedgerChange, _ app: Application, citizen: UUID) async throws -> UUID {
        try await app.jiujinban.writer.write(on: app.db) { db in
            try await LedgerChanges.apply(change, for: effect(app, citizen: citizen), on: db)
        }
    }

    @Test("a suspension updates the enrolment, adds its history, enqueues one record; reversal restores the exact before-image")
    func suspendAndReverse() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: Self.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let tables = ["insurance_enrolments", "insurance_enrolment_statuses"]
            var before: [[String]] = []
            for table in tables { before.append(try await Self.snapshot(table, person, app)) }
            let today = app.jiujinban.clock.today
            let id = try await Self.apply(.enrolmentStatus(scheme: .residentBasic, .init(status: .suspended, on: today, reason: "死亡")), app,
                                          citizen: person)
            let view = try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db)
            #expect(view.enrolments.first?.status == .suspended && view.enrolments.first?.statusReason == "死亡")
            #expect(view.enrolments.first?.history.map(\.status) == ["参保缴费", "暂停缴费"])
            let record = try #require(try await (app.db as! any SQLDatabase).raw(
                "SELECT kind, scheme, state, payload, ledger_images FROM insurance_outbound WHERE id = \(bind: id)").first())
            #expect(try record.decode(column: "kind", as: String.self) == "enrolments")
            #expect(try record.decode(column: "state", as: String.self) == "pending")
            let payload = try JSONSerialization.jsonObject(with: Data(try record.decode(column: "payload", as: String.self).utf8)) as? [[String: String]]
            #expect(payload == [["scheme": "resident_basic", "county": "140830000000", "start_kind": "新农保", "grade": "500",
                                 "enrolled_on": "2015-03-01", "status": "暂停缴费", "status_date": today.iso, "status_reason": "死亡"]])
            let images = try LedgerImages.decode(try record.decode(column: "ledger_images", as: String.self))
            let problem = try await app.jiujinban.writer.write(on: app.db) { db in try await LedgerChanges.reverse(images, on: db) }
            #expect(problem == nil)
            for (table, rows) in zip(tables, before) { #expect(try await Self.snapshot(table, person, app) == rows) }
        }
    }

    @Test("a new enrolment and contribution years are inserted, and their reversal deletes them; a row changed since is not undone")
    func insertAndReverse() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: Self.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let today = app.jiujinban.clock.today
            let supplementary = LedgerChange.enrolment(.init(scheme: .residentSupplementary, county: try DivisionCode("140830000000"), startKind: nil,
                                                             grade: 1_000, enrolledOn: today, status: .contributing, statusDate: today))
            let enrolled = try await Self.apply(supplementary, app, citizen: person)
            let years = LedgerChange.contributions(scheme: .residentBasic, [
                .init(year: 2016, kind: .backPayment, grade: 500, personalFen: 50_000, subsidyFen: 0, collectiveFen: 0, arrived: false),
                .init(year: 2017, kind: .backPayment, grade: 500, personalFen: 50_000, subsidyFen: 0, collectiveFen: 0, arrived: false),
            ])
            let paid = try await Self.apply(years, app, citizen: person)
            #expect(try await Self.snapshot("insurance_contributions", person, app).count == 2)
            #expect(try await Self.snapshot("insurance_enrolments", person, app).count == 2)
            let images = { (id: UUID) in
                try LedgerImages.decode(try await (app.db as! any SQLDatabase).raw(
                    "SELECT ledger_images FROM insurance_outbound WHERE id = \(bind: id)").first()!.decode(column: "ledger_images", as: String.self))
            }
            let paidImages = try await images(paid)
            #expect(paidImages.exchangeRows.map { $0["personal"] } == ["500.00", "500.00"])
            #expect(try await app.jiujinban.writer.write(on: app.db) { db in try await LedgerChanges.reverse(paidImages, on: db) } == nil)
            #expect(try await Self.snapshot("insurance_contributions", person, app).isEmpty)
            // A later change of the same enrolment: undoing the first would lose it, so nothing is undone.
            _ = try await Self.apply(.enrolmentStatus(scheme: .residentSupplementary, .init(status: .suspended, on: today, reason: "失踪")), app,
                                     citizen: person)
            let enrolledImages = try await images(enrolled)
            let problem = try await app.jiujinban.writer.write(on: app.db) { db in try await LedgerChanges.reverse(enrolledImages, on: db) }
            #expect(problem == .changedSince(table: "insurance_enrolments"))
            #expect(try await Self.snapshot("insurance_enrolments", person, app).count == 2)
        }
    }

    @Test("a status change without an enrolment is refused, writing nothing")
    func statusWithoutEnrolment() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: Self.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            await #expect(throws: PublicError.self) {
                try await Self.apply(.enrolmentStatus(scheme: .residentSupplementary, .init(status: .suspended, on: app.jiujinban.clock.today,
                                                                                                reason: "死亡")), app, citizen: person)
            }
            #expect(try await InsuranceImportTests.count("insurance_outbound", app) == 0)
        }
    }
}
