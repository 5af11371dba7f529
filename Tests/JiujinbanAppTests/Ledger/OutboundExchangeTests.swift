import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

@Suite("outbound exchange records in the database: enqueued pending, moved only as the rules allow")
struct OutboundExchangeTests {
    @Test("pending → sent → rejected with the reason; a late confirmation changes nothing")
    func lifecycle() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .contributions, csv: InsuranceImportTests.contributions)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app))
            let now = TestApp.fixedNow
            let id = try await app.jiujinban.writer.write(on: app.db) { db in
                try await OutboundExchange.enqueue(citizen: person.requireID(), caseID: nil, scheme: .residentBasic, kind: .contributions,
                                                   payload: #"{"year":2025}"#, at: now, on: db)
            }
            let state = {
                try await (app.db as! any SQLDatabase).raw("SELECT state, rejection_reason FROM insurance_outbound WHERE id = \(bind: id)").first()
                    .map { "\(try $0.decode(column: "state", as: String.self)) \(try $0.decode(column: "rejection_reason", as: String?.self) ?? "")" }
            }
            #expect(try await state() == "pending ")
            let move = { (next: OutboundExchangeState, reason: String?) in
                try await app.jiujinban.writer.write(on: app.db) { db in
                    try await OutboundExchange.move(id, to: next, reason: reason, at: now, on: db)
                }
            }
            #expect(try await move(.confirmed, nil) == .failure(.notAllowed(from: .pending, to: .confirmed)))
            #expect(try await move(.sent, nil) == .success(.sent))
            #expect(try await move(.rejected, "该年度已缴费") == .success(.rejected))
            #expect(try await state() == "rejected 该年度已缴费")
            #expect(try await move(.confirmed, nil) == .failure(.notAllowed(from: .rejected, to: .confirmed)))
            #expect(try await state() == "rejected 该年度已缴费")
        }
    }
}
