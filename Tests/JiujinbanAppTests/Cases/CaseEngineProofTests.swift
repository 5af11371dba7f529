import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("办件 engine, proven over HTTP: refusals write nothing, races have one winner, one audit row per step, numbering, pages")
struct CaseEngineProofTests {
    /// The engine suite's helpers: register the test citizen, find an item, accept, post a step, read a state.
    let engine = CaseEngineTests()

    /// What a step could have changed: the case row, its timeline, and its audit rows (`action/result`, in order).
    struct Trace: Equatable {
        let state: String?
        let reason: String?
        let missing: String?
        let steps: [String]
        let audit: [String]
    }

    func trace(_ app: Application, _ id: UUID) async throws -> Trace {
        let record = try #require(try await CaseRecord.find(id, on: app.db))
        let steps = try await CaseStep.query(on: app.db).filter(\.$caseID == id).sort(\.$at).all().map(\.action)
        return Trace(state: record.state, reason: record.decisionReason, missing: record.missingDocuments, steps: steps,
                     audit: try await auditRows(app, object: record.number))
    }

    /// The audit rows about one case number, oldest first, as `action/result`.
    func auditRows(_ app: Application, object: String) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("""
            SELECT action, result FROM audit_log WHERE object_type = 'case' AND object_id = \(bind: object) ORDER BY seq
            """).all().map { "\(try $0.decode(column: "action", as: String.self))/\(try $0.decode(column: "result", as: String.self))" }
    }

    /// A case of a timed item on the generic flow, accepted for the test citizen by the village operator.
    func acceptedTimedCase(_ app: Application, by village: TestSession) async throws -> UUID {
        let citizenID = try await engine.citizen(app, village)
        let timed = try await engine.item(app, timed: true)
        return try #require(try await engine.accept(app, village, citizen: citizenID, item: timed.seq).1)
    }

    func auditTotal(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_log").first()!.decode(column: "n", as: Int.self)
    }

    /// Posts a step; returns the status and the page (which carries the refusal's message).
    func act(_ app: Application, _ session: TestSession, _ id: UUID, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/cases/\(id.uuidString.lowercased())/actions", headers: session.formHeaders,
                                     body: session.form(fields)) { res in result = (res.status, res.body.string) }
        return result
    }

    /// Items on the generic flow with a time limit that every one of `roles` may handle, in catalogue order.
    func timedItems(_ app: Application, handledBy roles: [DemoRole]) async throws -> [ServiceCatalogue.Item] {
        var common: Set<ItemPermission>?
        for role in roles {
            let grants = try await StaffDirectory.grants(of: try await app.accountID(of: role), on: app.db)
            common = common.map { $0.intersection(grants) } ?? grants
        }
        let granted = common ?? []
        return app.jiujinban.catalogue.items.filter { item in
            granted.contains(.handle(item.seq)) && item.workingDays > 0 && !ItemRegistry.specific.contains(item.seq)
        }
    }

    /// A second county reviewer of Ruicheng with the demonstration reviewer's grants.
    func secondReviewer(_ app: Application) async throws -> TestSession {
        let session = try await app.makeAccount(.reviewer, unit: .department(try DivisionCode("140830000000")),
                                                idNumber: TestIdentity.idNumber(birth: "19860312", sequence: 57), phone: "13903590057")
        let grants = try await StaffDirectory.grants(of: try await app.accountID(of: .reviewer), on: app.db)
        try await StaffRegistry.setGrants(grants, of: session.accountID, on: app.db)
        return session
    }

    /// The first column and the case count of every row of the statistics table (`合计` included).
    func statisticsCounts(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for match in html.matches(of: /<tr><td>([^<]*)<\/td><td class="num">(\d+)<\/td>/) {
            counts[String(match.1)] = Int(match.2)
        }
        return counts
    }

    static let taian = "太安村党群服务中心"
    static let guwei = "古魏镇综合便民服务中心"
    static let countyDepartment = "芮城县人社部门"

    // MARK: 1. Refusals change nothing

    @Test("approving a rejected case is 409 and changes nothing; only the denied attempt is audited")
    func approveRejected() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let id = try await acceptedTimedCase(app, by: village)
            #expect(try await engine.step(app, reviewer, id, [("action", "reject"), ("reason", "不符合办理条件")]) == .seeOther)
            let before = try await trace(app, id)
            #expect(before.state == "rejected" && before.steps == ["accept", "reject"])
            #expect(before.audit == ["case.accept/success", "case.reject/success"])

            let refused = try await act(app, reviewer, id, [("action", "approve")])
            #expect(refused.0 == .conflict)
            #expect(refused.1.contains("该办件已不予办理，不能再办理"))
            let after = try await trace(app, id)
            #expect(after.state == "rejected" && after.reason == "不符合办理条件")
            #expect(after.steps == before.steps)
            // No success row: the refusal itself is the one row the attempt leaves.
            #expect(after.audit == before.audit + ["case.approve/denied"])
        }
    }

    @Test("resubmitting a case that was not returned is 409 and changes nothing")
    func resubmitAccepted() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let id = try await acceptedTimedCase(app, by: village)
            let deadline = try await CaseRecord.find(id, on: app.db)?.deadline
            let before = try await trace(app, id)

            let refused = try await act(app, village, id, [("action", "resubmit")])
            #expect(refused.0 == .conflict)
            #expect(refused.1.contains("该办件当前为“已受理，待审核”，不能进行此操作"))
            let after = try await trace(app, id)
            #expect(after.state == "accepted" && after.steps == ["accept"])
            #expect(after.audit == before.audit + ["case.resubmit/denied"])
            #expect(try await CaseRecord.find(id, on: app.db)?.deadline == deadline)
        }
    }

    @Test("returning a case already returned is 409 for the reviewer and the point; the first list of documents stays")
    func returnReturned() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let id = try await acceptedTimedCase(app, by: village)
            #expect(try await engine.step(app, reviewer, id, [("action", "return"), ("missing", "户口本")]) == .seeOther)
            let before = try await trace(app, id)
            #expect(before.state == "returned" && before.missing == #"["户口本"]"#)

            for session in [reviewer, village] {
                let refused = try await act(app, session, id, [("action", "return"), ("missing", "结婚证")])
                #expect(refused.0 == .conflict)
                #expect(refused.1.contains("该办件当前为“退回补正”，不能进行此操作"))
            }
            let after = try await trace(app, id)
            #expect(after.state == "returned" && after.missing == #"["户口本"]"# && after.steps == ["accept", "return"])
            #expect(after.audit == before.audit + ["case.return/denied", "case.return/denied"])
        }
    }

    @Test("a rejection reason over 200 characters is 422 with its Chinese message; 200 exactly is accepted")
    func reasonTooLong() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let id = try await acceptedTimedCase(app, by: village)
            let before = try await trace(app, id)

            let refused = try await act(app, reviewer, id, [("action", "reject"), ("reason", String(repeating: "否", count: 201))])
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("理由不能超过200字（现为201字）"))
            let after = try await trace(app, id)
            #expect(after.state == "accepted" && after.reason == nil && after.steps == ["accept"])
            #expect(after.audit == before.audit + ["case.reject/denied"])

            let longest = String(repeating: "否", count: 200)
            #expect(try await engine.step(app, reviewer, id, [("action", "reject"), ("reason", longest)]) == .seeOther)
            let done = try await trace(app, id)
            #expect(done.state == "rejected" && done.reason == longest && done.steps == ["accept", "reject"])
        }
    }

    // MARK: 2. Two reviewers at once

    @Test("two reviewers of the county decide the same case at once: one wins, the state, step and audit row are the winner's")
    func twoReviewersRace() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let first = try await app.session(as: .reviewer)
            let second = try await secondReviewer(app)
            #expect(first.accountID != second.accountID)
            let id = try await acceptedTimedCase(app, by: village)

            async let approve = engine.step(app, first, id, [("action", "approve")])
            async let reject = engine.step(app, second, id, [("action", "reject"), ("reason", "不符合条件")])
            let (approved, rejected) = (try await approve, try await reject)
            #expect([approved, rejected].sorted { $0.code < $1.code } == [.seeOther, .conflict], "\(approved) \(rejected)")

            let winner = approved == .seeOther ? (state: "approved", action: "approve", account: first.accountID)
                                               : (state: "rejected", action: "reject", account: second.accountID)
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            #expect(record.state == winner.state)
            #expect(record.reviewerAccount == winner.account)
            #expect(record.decisionReason == (winner.action == "reject" ? "不符合条件" : nil))
            let decisions = try await CaseStep.query(on: app.db).filter(\.$caseID == id).filter(\.$action ~~ ["approve", "reject"]).all()
            #expect(decisions.map(\.action) == [winner.action])
            #expect(decisions.map(\.actorAccount) == [winner.account])
            let audit = try await auditRows(app, object: record.number).filter { $0.hasSuffix("/success") }
            #expect(audit == ["case.accept/success", "case.\(winner.action)/success"])
        }
    }

    // MARK: 3. One audit row per step

    @Test("return, resubmit and reject each add exactly one audit row, named case.return, case.resubmit, case.reject")
    func oneAuditRowPerStep() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let id = try await acceptedTimedCase(app, by: village)
            let number = try #require(try await CaseRecord.find(id, on: app.db)?.number)
            #expect(try await auditRows(app, object: number) == ["case.accept/success"])

            let steps: [(TestSession, [(String, String)], String)] = [
                (reviewer, [("action", "return"), ("missing", "户口本\n近期免冠照片")], "case.return"),
                (village, [("action", "resubmit")], "case.resubmit"),
                (reviewer, [("action", "reject"), ("reason", "经核查不符合办理条件")], "case.reject"),
            ]
            var expected = ["case.accept/success"]
            for (session, fields, action) in steps {
                let total = try await auditTotal(app)
                let before = try await auditCount(action, on: app)
                #expect(try await engine.step(app, session, id, fields) == .seeOther, "\(action)")
                #expect(try await auditCount(action, result: "success", on: app) == before + 1, "\(action)")
                #expect(try await auditTotal(app) == total + 1, "\(action)")
                expected.append(action + "/success")
                #expect(try await auditRows(app, object: number) == expected)
            }
            #expect(try await engine.state(app, id) == "rejected")
        }
    }

    @Test("20 identical acceptance submissions at once make one case, one accept step and one case.accept audit row")
    func twentySubmissionsOneAuditRow() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let key = UUID()
            let ids = try await withThrowingTaskGroup(of: (HTTPStatus, UUID?).self) { group in
                for _ in 0..<20 { group.addTask { try await engine.accept(app, village, citizen: citizenID, item: timed.seq, key: key) } }
                return try await group.reduce(into: [(HTTPStatus, UUID?)]()) { $0.append($1) }
            }
            #expect(ids.allSatisfy { $0.0 == .seeOther })
            let id = try #require(ids.first?.1)
            #expect(ids.allSatisfy { $0.1 == id })
            let cases = try await CaseRecord.query(on: app.db).all()
            #expect(cases.map(\.id) == [id])
            #expect(try await CaseStep.query(on: app.db).filter(\.$action == "accept").count() == 1)
            #expect(try await auditCount("case.accept", on: app) == 1)
            #expect(try await auditRows(app, object: try #require(cases.first?.number)) == ["case.accept/success"])
        }
    }

    // MARK: 4. Numbering

    @Test("two cases accepted the same day in the county are numbered 140830-20261125-00001 and -00002")
    func consecutiveNumbers() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let township = try await app.session(as: .townshipOperator)
            let citizenID = try await engine.citizen(app, village)
            let items = try await timedItems(app, handledBy: [.villageOperator, .townshipOperator])
            let item = try #require(items.first)
            let first = try #require(try await engine.accept(app, village, citizen: citizenID, item: item.seq).1)
            // Another point of the same county shares the county's counter.
            let second = try #require(try await engine.accept(app, township, citizen: citizenID, item: item.seq).1)
            #expect(try await CaseRecord.find(first, on: app.db)?.number == "140830-20261125-00001")
            #expect(try await CaseRecord.find(second, on: app.db)?.number == "140830-20261125-00002")
        }
    }

    @Test("two application instances on one database accept cases at once: numbers 1…20, no gap, no duplicate")
    func twoInstancesNumbering() async throws {
        try await TestApp.runTwo { one, two in
            let village = try await one.session(as: .villageOperator)
            let citizenID = try await engine.citizen(one, village)
            let timed = try await engine.item(one, timed: true)
            // Each instance's own sessions (the sessions table is shared: either instance would accept either).
            let sessions = [(one, village), (two, try await two.session(as: .villageOperator))]
            let results = try await withThrowingTaskGroup(of: (HTTPStatus, UUID?).self) { group in
                for index in 0..<20 {
                    let (app, session) = sessions[index % 2]
                    group.addTask { try await engine.accept(app, session, citizen: citizenID, item: timed.seq) }
                }
                return try await group.reduce(into: [(HTTPStatus, UUID?)]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.0 == .seeOther }, "\(results.map(\.0))")
            #expect(Set(results.compactMap(\.1)).count == 20)
            for app in [one, two] {
                let numbers = try await CaseRecord.query(on: app.db).all().map(\.number).sorted()
                #expect(numbers == (1...20).map { "140830-20261125-" + String(format: "%05d", $0) })
            }
            #expect(try await auditCount("case.accept", result: "success", on: two) == 20)
        }
    }

    // MARK: 5. Timeline

    @Test("the case page's timeline shows accept, return, resubmit, approve in order, each with its label, unit and person")
    func timeline() async throws {
        let clock = TestClock() // 2026-11-25 10:00:00 in Shanghai
        try await TestApp.run(clock: clock.appClock) { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let id = try await acceptedTimedCase(app, by: village)
            let firstDeadline = try #require(try await CaseRecord.find(id, on: app.db)?.deadline)
            clock.advance(by: 60)
            #expect(try await engine.step(app, reviewer, id, [("action", "return"), ("missing", "户口本\n近期免冠照片")]) == .seeOther)
            clock.advance(by: 60)
            #expect(try await engine.step(app, village, id, [("action", "resubmit")]) == .seeOther)
            clock.advance(by: 60)
            #expect(try await engine.step(app, reviewer, id, [("action", "approve")]) == .seeOther)

            let page = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())")
            #expect(page.0 == .ok)
            let timeline = try #require(page.1.firstMatch(of: /<ol class="timeline">(.*?)<\/ol>/)?.1)
            let entries = timeline.matches(of: /<li>(.*?)<\/li>/).map { String($0.1) }
            #expect(entries == [
                "2026-11-25 10:00:00 \(Self.taian) 褚卫东：<strong>受理</strong>（办结期限 \(firstDeadline)）",
                "2026-11-25 10:01:00 \(Self.countyDepartment) 郑雅琴：<strong>退回补正</strong>（需补正：户口本、近期免冠照片）",
                "2026-11-25 10:02:00 \(Self.taian) 褚卫东：<strong>补正后重新提交</strong>",
                "2026-11-25 10:03:00 \(Self.countyDepartment) 郑雅琴：<strong>审核通过，办结</strong>",
            ])
            #expect(page.1.contains("<strong>已办结</strong>"))
        }
    }

    // MARK: 6. Statistics

    @Test("county statistics by service point and by item count hand-made cases; a chosen period leaves out a case outside it")
    func statistics() async throws {
        let clock = TestClock() // Wednesday 2026-11-25
        try await TestApp.run(clock: clock.appClock) { app in
            let items = try await timedItems(app, handledBy: [.villageOperator, .townshipOperator])
            try #require(items.count >= 2)
            let (itemA, itemB) = (items[0], items[1])
            var village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            // The day before the period: one case at the village point.
            #expect(try await engine.accept(app, village, citizen: citizenID, item: itemA.seq).0 == .seeOther)
            clock.advance(by: 86_400)
            village = try await app.session(as: .villageOperator)
            let township = try await app.session(as: .townshipOperator)
            for (session, item) in [(village, itemA), (village, itemB), (township, itemA)] {
                #expect(try await engine.accept(app, session, citizen: citizenID, item: item.seq).0 == .seeOther)
            }
            let accepted = try await CaseRecord.query(on: app.db).all().map(\.acceptedOn).sorted()
            #expect(accepted == ["2026-11-25", "2026-11-26", "2026-11-26", "2026-11-26"])

            let admin = try await app.session(as: .countyBusinessAdmin)
            let byPoint = try await app.getPage(admin, "/cases/statistics?by=service_point&from=2026-11-26&to=2026-11-26")
            #expect(byPoint.0 == .ok)
            #expect(statisticsCounts(byPoint.1) == [Self.taian: 2, Self.guwei: 1, "合计": 3])
            let byItem = try await app.getPage(admin, "/cases/statistics?by=item&from=2026-11-26&to=2026-11-26")
            #expect(statisticsCounts(byItem.1) == ["\(itemA.seq). \(itemA.name)": 2, "\(itemB.seq). \(itemB.name)": 1, "合计": 3])
            // The excluded case is there when the period takes in its day, and alone when the period is only that day.
            let both = try await app.getPage(admin, "/cases/statistics?by=item&from=2026-11-25&to=2026-11-26")
            #expect(statisticsCounts(both.1) == ["\(itemA.seq). \(itemA.name)": 3, "\(itemB.seq). \(itemB.name)": 1, "合计": 4])
            let dayBefore = try await app.getPage(admin, "/cases/statistics?by=service_point&from=2026-11-25&to=2026-11-25")
            #expect(statisticsCounts(dayBefore.1) == [Self.taian: 1, "合计": 1])
        }
    }

    // MARK: 7. The person's page

    @Test("the person's page lists cases of every item and point; another point's case is listed by number but not linked")
    func personPage() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let township = try await app.session(as: .townshipOperator)
            let citizenID = try await engine.citizen(app, village)
            let items = try await timedItems(app, handledBy: [.villageOperator, .townshipOperator])
            try #require(items.count >= 2)
            let atVillage = try #require(try await engine.accept(app, village, citizen: citizenID, item: items[0].seq).1)
            let atTownship = try #require(try await engine.accept(app, township, citizen: citizenID, item: items[1].seq).1)
            let villageNumber = try #require(try await CaseRecord.find(atVillage, on: app.db)?.number)
            let townshipNumber = try #require(try await CaseRecord.find(atTownship, on: app.db)?.number)

            func row(_ number: String, linkedTo id: UUID?) -> String {
                let cell = id.map { "<a href=\"/cases/\($0.uuidString.lowercased())\">\(number)</a>" } ?? number
                return "<td class=\"code\">\(cell)</td>"
            }
            let path = "/citizens/\(citizenID.uuidString.lowercased())"
            // The township centre sees the person (its township) and both cases; only its own opens.
            let seenByTownship = try await app.getPage(township, path)
            #expect(seenByTownship.0 == .ok)
            #expect(seenByTownship.1.contains(row(townshipNumber, linkedTo: atTownship)))
            #expect(seenByTownship.1.contains(row(villageNumber, linkedTo: nil)))
            #expect(!seenByTownship.1.contains("/cases/\(atVillage.uuidString.lowercased())"))
            #expect(seenByTownship.1.contains(items[0].name) && seenByTownship.1.contains(items[1].name))
            #expect(try await app.getPage(township, "/cases/\(atVillage.uuidString.lowercased())").0 == .notFound)
            // And the other way round.
            let seenByVillage = try await app.getPage(village, path)
            #expect(seenByVillage.1.contains(row(villageNumber, linkedTo: atVillage)))
            #expect(seenByVillage.1.contains(row(townshipNumber, linkedTo: nil)))
            #expect(try await app.getPage(village, "/cases/\(atTownship.uuidString.lowercased())").0 == .notFound)
        }
    }
}
