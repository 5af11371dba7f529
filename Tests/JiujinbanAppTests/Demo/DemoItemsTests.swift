import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 5: "Ruicheng's demonstration database has enough of it to try every item." On the
/// demonstration data with its ledger (`DemoLedgerPeople`), the demo village operator tries each of items 28–37 on
/// the person meant for it through the counter's routes, and the county's reviewer approves where the item is
/// reviewed and the seeded figures allow it; where approval waits for a 待核实 figure, the case page names it.
/// Today is 2026-11-25.
@Suite("demonstration data: every resident pension item (28–37) tried on its demonstration person")
struct DemoItemsTests {
    /// The demonstration person called `name`, found by their ID number as the counter finds them.
    static func person(_ name: String, _ app: Application) async throws -> UUID {
        let today = app.jiujinban.clock.today
        let people = DemoLedgerPeople.ledger(today: today).people + [DemoLedgerPeople.teenager(today: today)]
        let person = try #require(people.first { $0.name == name })
        return try #require(try await InsuranceImportTests.citizen(person.idNumber, app)).requireID()
    }

    /// Accepted at the village point: the new case.
    static func accepted(_ fixture: PensionLedgerFixture, _ citizen: UUID, item: Int, _ fields: [(String, String)]) async throws -> CaseRecord {
        let (status, id, body) = try await fixture.accept(citizen, item: item, fields)
        #expect(status == .seeOther, "item \(item): \(body.prefix(800))")
        return try #require(try await CaseRecord.find(try #require(id), on: fixture.app.db))
    }

    /// Accepted, then approved by the county's reviewer.
    static func approved(_ fixture: PensionLedgerFixture, _ citizen: UUID, item: Int, _ fields: [(String, String)]) async throws {
        let record = try await accepted(fixture, citizen, item: item, fields)
        #expect(record.stateValue?.isFinal == false, "item \(item) is reviewed")
        let reviewer = try await fixture.app.session(as: .reviewer)
        let (status, body) = try await fixture.approve(try record.requireID(), as: reviewer)
        #expect(status == .seeOther, "item \(item): \(body.prefix(800))")
        #expect(try await CaseRecord.find(try record.requireID(), on: fixture.app.db)?.state == "approved", "item \(item)")
    }

    static func instant(_ fixture: PensionLedgerFixture, _ citizen: UUID, item: Int, _ fields: [(String, String)] = []) async throws {
        let record = try await accepted(fixture, citizen, item: item, fields)
        #expect(record.stateValue?.isFinal == true, "item \(item) is done on the spot")
    }

    @Test("28 for 郭小雨 (16); 33, 29, 30 and 31 for 王建军 (45, enrolled): accepted, the reviewed ones approved, the ledger changed")
    func enrolledPeople() async throws {
        try await TestApp.run(demoLedger: true) { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let cipher = app.jiujinban.cipher
            let teenager = try await Self.person("郭小雨", app)
            try await Self.approved(fixture, teenager, item: ResidentBasicEnrolmentItem.seq,
                                    [("grade", "500"), ("start_kind", "新农保"), ("not_student", "yes")])
            #expect(try await InsuranceLedger.view(of: teenager, cipher: cipher, on: app.db).enrolment(.residentBasic)?.status == .contributing)

            let enrolled = try await Self.person("王建军", app)
            let (status, page) = try await app.getPage(fixture.village, "/insurance/contributions/\(enrolled.uuidString.lowercased())")
            #expect(status == .ok && page.contains("<td>2012</td><td>正常</td>") && page.contains("<td>2025</td><td>正常</td>"))
            try await Self.instant(fixture, enrolled, item: ContributionQueryItem.seq)
            try await Self.approved(fixture, enrolled, item: SupplementaryEnrolmentItem.seq, [("grade", "1000")])
            try await Self.instant(fixture, enrolled, item: InsuredPersonChangeItem.seq, [("phone", "13912345678")])
            let stored = try #require(try await CitizenRecord.find(id: enrolled, on: app.db))
            #expect(try cipher.open(try #require(stored.phoneSealed), context: CitizenCrypto.phoneContext) == "13912345678")
            try await Self.approved(fixture, enrolled, item: ContributionSuspensionItem.seq,
                                    [("action", "suspend"), ("reason", "missing"), ("effective_on", "2026-11-20")])
            let ledger = try await InsuranceLedger.view(of: enrolled, cipher: cipher, on: app.db)
            #expect(ledger.enrolment(.residentSupplementary)?.grade == 1000)
            #expect(ledger.enrolment(.residentBasic)?.status == .suspended)
        }
    }

    @Test("32 for 赵志强 (52, gaps): accepted while 新农保's start date is 待核实, approval waiting for it and naming it; confirmed, approval then waits for the grades")
    func backPayment() async throws {
        try await TestApp.run(demoLedger: true) { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let gaps = try await Self.person("赵志强", app)
            let fields = [("scheme", InsuranceScheme.residentBasic.rawValue), ("years", "2015,2016,2019"), ("grade", "300")]
            // The seeded start date is 待核实 without a value: accepted, the years not yet placed, the figure named.
            let record = try await Self.accepted(fixture, gaps, item: BackPaymentItem.seq, fields)
            let id = try record.requireID().uuidString.lowercased()
            let reviewer = try await app.session(as: .reviewer)
            #expect(try await fixture.approve(try record.requireID(), as: reviewer).0 == .conflict)
            let waiting = try await app.getPage(reviewer, "/cases/\(id)").1
            #expect(waiting.contains("以下政策参数待业务管理员核实") && waiting.contains("新型农村社会养老保险（新农保）实施日期"))
            #expect(waiting.contains("补缴情形待定"))
            let start = try #require(try await PolicyFigureBook.load(on: app.db).latest(.ruralPensionStart, county: try DivisionCode.county("140830")))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: try await app.session(as: .countyBusinessAdmin), fields: [
                ("row", start.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号")])
            // The start date confirmed: approval still waits, now for the grades (seeded 待核实), which the page names.
            #expect(try await fixture.approve(try record.requireID(), as: reviewer).0 == .conflict)
            let page = try await app.getPage(reviewer, "/cases/\(id)").1
            #expect(page.contains("以下政策参数待业务管理员核实") && page.contains("缴费档次及政府补贴（入口补）"))
        }
    }

    @Test("34 for 李秀兰 (60, 15 years): accepted, approval waiting for the pension figures named on the case page; 35 for 薛玉梅 (66): waiting for the 记账利率, then approved")
    func claims() async throws {
        try await TestApp.run(demoLedger: true) { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let sixty = try await Self.person("李秀兰", app)
            let claim = try await Self.accepted(fixture, sixty, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            let (waiting, body) = try await fixture.approve(try claim.requireID(), as: reviewer)
            #expect(waiting == .conflict && body.contains("待业务管理员核实后方可审批"))
            let page = try await app.getPage(reviewer, "/cases/\(try claim.requireID().uuidString.lowercased())").1
            #expect(page.contains("以下政策参数待业务管理员核实") && page.contains("中央基础养老金最低标准"))

            // 35: the demonstration ledger has no closed account years, so the account is brought forward from
            // 2021 at each year's 记账利率, seeded 待核实 without a value: approval waits for it and the page names it.
            let drawing = try await Self.person("薛玉梅", app)
            let supplementary = try await Self.accepted(fixture, drawing, item: SupplementaryPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(try await fixture.approve(try supplementary.requireID(), as: reviewer).0 == .conflict)
            let statement = try await app.getPage(reviewer, "/cases/\(try supplementary.requireID().uuidString.lowercased())").1
            #expect(statement.contains("以下政策参数待业务管理员核实") && statement.contains("个人账户记账利率（2022—2025年度）"))
            #expect(statement.contains("个人账户2021年：年初0.00元"))
            // The province's business admin confirms the rate (a test's value, not a policy figure): approved.
            let rate = try #require(try await PolicyFigureBook.load(on: app.db).latest(.personalAccountInterest, county: nil))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: try await app.session(as: .provinceBusinessAdmin), fields: [
                ("row", rate.id.uuidString.lowercased()), ("confirm_value", "2.5"), ("confirm_source", "测试用文件〔2026〕1号")])
            let (approval, answer) = try await fixture.approve(try supplementary.requireID(), as: reviewer)
            #expect(approval == .seeOther, "\(answer.prefix(800))")
            let ledger = try await InsuranceLedger.view(of: drawing, cipher: app.jiujinban.cipher, on: app.db)
            let entitlement = try #require(ledger.entitlements.first { $0.scheme == .residentSupplementary })
            #expect(entitlement.status == .paying && entitlement.startMonth == "2026-12" && entitlement.exitSubsidyFen == 2_000)
        }
    }

    @Test("36 and 37 for 张桂英 (70, last payment failed): the payments page with the failure, recorded; the benefit suspended and approved")
    func pensioner() async throws {
        try await TestApp.run(demoLedger: true) { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let failed = try await Self.person("张桂英", app)
            let (status, page) = try await app.getPage(fixture.village, "/insurance/payments/\(failed.uuidString.lowercased())")
            // This month's composition, and last month's payment failed with its reason.
            #expect(status == .ok && page.contains("<strong>168.00元</strong>"))
            #expect(page.contains("<tr><td>2026-10</td><td>城乡居民基本养老保险</td><td class=\"number\">168.00元</td>"))
            #expect(page.contains("<td><strong>失败</strong></td><td>账户已冻结</td>"))
            try await Self.instant(fixture, failed, item: PaymentRecordsQueryItem.seq)
            try await Self.approved(fixture, failed, item: BenefitSuspensionItem.seq,
                                    [("action", "suspend"), ("reason", "missing"), ("month", "2026-12"), ("applicant_relation", "子女"),
                                     ("applicant_name", "张小红")])
            let ledger = try await InsuranceLedger.view(of: failed, cipher: app.jiujinban.cipher, on: app.db)
            #expect(ledger.entitlements.first?.status == .suspended)
        }
    }
}
