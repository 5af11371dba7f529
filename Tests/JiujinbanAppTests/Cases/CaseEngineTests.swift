import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("办件 engine: accept, review, return with one-time notice, resubmit, receipts, double submission")
struct CaseEngineTests {
    /// Registers the test citizen as the village operator; returns its id.
    func citizen(_ app: Application, _ session: TestSession) async throws -> UUID {
        try await app.testing().test(.POST, "/citizens", headers: session.formHeaders,
                                     body: session.form(CitizenRegistryTests.registration())) { res in #expect(res.status == .seeOther) }
        return try #require(try await CitizenRecord.query(on: app.db).first()?.requireID())
    }

    /// An item on the generic flow the village operator may handle, with or without a time limit.
    func item(_ app: Application, timed: Bool) async throws -> ServiceCatalogue.Item {
        let session = try await app.session(as: .villageOperator)
        let grants = try await StaffDirectory.grants(of: session.accountID, on: app.db)
        return try #require(app.jiujinban.catalogue.items.first { item in
            grants.contains(.handle(item.seq)) && (item.workingDays > 0) == timed && !ItemRegistry.specific.contains(item.seq)
        })
    }

    func accept(_ app: Application, _ session: TestSession, citizen: UUID, item: Int, key: UUID = UUID(),
                checked: Bool = true) async throws -> (HTTPStatus, UUID?) {
        var result: (HTTPStatus, UUID?) = (.ok, nil)
        var fields = [("citizen", citizen.uuidString.lowercased()), ("item", String(item)), ("submission", key.uuidString.lowercased())]
        if checked { fields.append(("documents_checked", "yes")) }
        try await app.testing().test(.POST, "/cases", headers: session.formHeaders, body: session.form(fields)) { res in
            let location = res.headers.first(name: .location) ?? ""
            result = (res.status, UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        }
        return result
    }

    func step(_ app: Application, _ session: TestSession, _ id: UUID, _ fields: [(String, String)]) async throws -> HTTPStatus {
        var status = HTTPStatus.ok
        try await app.testing().test(.POST, "/cases/\(id.uuidString.lowercased())/actions", headers: session.formHeaders,
                                     body: session.form(fields)) { res in status = res.status }
        return status
    }

    func state(_ app: Application, _ id: UUID) async throws -> String? { try await CaseRecord.find(id, on: app.db)?.state }

    @Test("accept a timed item → deadline in working days → the county reviewer approves; one audit row per step")
    func acceptAndApprove() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let citizenID = try await citizen(app, village)
            let timed = try await item(app, timed: true)
            let (status, created) = try await accept(app, village, citizen: citizenID, item: timed.seq)
            #expect(status == .seeOther)
            let id = try #require(created)
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            let today = app.jiujinban.clock.today
            #expect(record.number == "140830-\(today.iso.replacingOccurrences(of: "-", with: ""))-00001")
            #expect(record.state == "accepted")
            let calendar = app.jiujinban.workCalendar
            #expect(record.deadline == calendar.addingWorkingDays(timed.workingDays, to: today).date.iso)
            // The handler cannot review; the reviewer's rejection needs a reason.
            #expect(try await step(app, village, id, [("action", "approve")]) == .forbidden)
            #expect(try await step(app, reviewer, id, [("action", "reject"), ("reason", "")]) == .unprocessableEntity)
            #expect(try await step(app, reviewer, id, [("action", "approve")]) == .seeOther)
            #expect(try await state(app, id) == "approved")
            #expect(try await step(app, reviewer, id, [("action", "reject"), ("reason", "晚了")]) == .conflict)
            for action in ["case.accept", "case.approve"] {
                let count = try await auditCount(action, result: "success", on: app)
                #expect(count == 1, "\(action)")
            }
            // The citizen's page lists the case; the receipt prints it.
            let person = try await app.getPage(village, "/citizens/\(citizenID.uuidString.lowercased())")
            #expect(person.1.contains(record.number))
            let receipt = try await app.getPage(village, "/cases/\(id.uuidString.lowercased())/receipt")
            #expect(receipt.0 == .ok && receipt.1.contains("受理回执") && receipt.1.contains(record.number))
            // The county's statistics count it by township, with no personal data; operators have no statistics.
            let admin = try await app.session(as: .countyBusinessAdmin)
            let stats = try await app.getPage(admin, "/cases/statistics?by=township&from=\(today.iso)&to=\(today.iso)")
            #expect(stats.0 == .ok && stats.1.contains("古魏镇") && stats.1.contains("合计") && !stats.1.contains("王小明"))
            #expect(try await app.getPage(village, "/cases/statistics").0 == .forbidden)
            // Another point's operator does not see it.
            let community = try await app.session(as: .communityOperator)
            #expect(try await app.getPage(community, "/cases/\(id.uuidString.lowercased())").0 == .notFound)
        }
    }

    @Test("return for missing documents prints the one-time notice; the point resubmits; instant items finish at once")
    func returnResubmitInstant() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let citizenID = try await citizen(app, village)
            let timed = try await item(app, timed: true)
            let id = try #require(try await accept(app, village, citizen: citizenID, item: timed.seq).1)
            #expect(try await step(app, reviewer, id, [("action", "return"), ("missing", "\n")]) == .unprocessableEntity)
            #expect(try await step(app, reviewer, id, [("action", "return"), ("missing", "户口本\n近期免冠照片")]) == .seeOther)
            #expect(try await state(app, id) == "returned")
            let notice = try await app.getPage(village, "/cases/\(id.uuidString.lowercased())/receipt")
            #expect(notice.1.contains("一次性告知单") && notice.1.contains("户口本") && notice.1.contains("近期免冠照片"))
            #expect(try await step(app, reviewer, id, [("action", "resubmit")]) == .forbidden)
            #expect(try await step(app, village, id, [("action", "resubmit")]) == .seeOther)
            #expect(try await state(app, id) == "accepted")

            let instant = try await item(app, timed: false)
            let quick = try #require(try await accept(app, village, citizen: citizenID, item: instant.seq).1)
            let record = try #require(try await CaseRecord.find(quick, on: app.db))
            #expect(record.state == "approved" && record.deadline == nil && record.finishedAt != nil)
        }
    }

    @Test("bad acceptance writes nothing; 20 identical concurrent submissions make one case; two actions at once: one wins")
    func doubleSubmission() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await citizen(app, village)
            let timed = try await item(app, timed: true)
            let refused = try await accept(app, village, citizen: citizenID, item: timed.seq, checked: false)
            #expect(refused.0 == .unprocessableEntity)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            let key = UUID()
            let ids = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for _ in 0..<20 { group.addTask { try await accept(app, village, citizen: citizenID, item: timed.seq, key: key).1 } }
                return try await group.reduce(into: [UUID?]()) { $0.append($1) }
            }
            #expect(Set(ids.compactMap { $0 }).count == 1 && ids.allSatisfy { $0 != nil })
            #expect(try await CaseRecord.query(on: app.db).count() == 1)

            let reviewer = try await app.session(as: .reviewer)
            let id = try #require(ids.first ?? nil)
            async let approve = step(app, reviewer, id, [("action", "approve")])
            async let reject = step(app, reviewer, id, [("action", "reject"), ("reason", "不符合条件")])
            let statuses = [try await approve, try await reject]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            let decided = try await CaseStep.query(on: app.db).filter(\.$caseID == id).filter(\.$action ~~ ["approve", "reject"]).count()
            #expect(decided == 1)
        }
    }
}
