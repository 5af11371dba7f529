import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Item 32 through the counter and the county's review: the allowed years listed, a year outside them refused naming
/// them, each year charged at the grade in force on the day, no subsidy in the supplementary scheme, approval waiting
/// for the 待核实 grade table and then writing the years through the ledger writer; with the scheme's start date
/// still unknown, the years accepted as asked, approval waiting for that figure and then checking them.
@Suite("补缴申报 (item 32): situations, allowed years, grades of the day, subsidies, approval after the figures")
struct BackPaymentItemTests {
    static let ruicheng = try! DivisionCode.county("140830")

    func accept(_ fixture: PensionLedgerFixture, _ citizen: UUID, scheme: InsuranceScheme, years: String, grade: String)
        async throws -> (HTTPStatus, UUID?, String) {
        var result: (HTTPStatus, UUID?, String) = (.ok, nil, "")
        let fields = [("citizen", citizen.uuidString.lowercased()), ("item", String(BackPaymentItem.seq)),
                      ("submission", UUID().uuidString.lowercased()), ("documents_checked", "yes"), ("scheme", scheme.rawValue),
                      ("years", years), ("grade", grade)]
        try await fixture.app.testing().test(.POST, "/cases", headers: fixture.village.formHeaders, body: fixture.village.form(fields)) { res in
            let location = res.headers.first(name: .location) ?? ""
            result = (res.status, UUID(uuidString: String(location.split(separator: "/").last ?? "")), res.body.string)
        }
        return result
    }

    @Test("② a gap after enrolment: the gap year allowed and subsidised; others refused naming the allowed; approval waits for the grades")
    func gapInBasicScheme() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let county = try await app.session(as: .countyBusinessAdmin)
            let province = try await app.session(as: .provinceBusinessAdmin)
            let book = try await PolicyFigureBook.load(on: app.db)
            let start = try #require(book.latest(.ruralPensionStart, county: Self.ruicheng))
            let citizen = try await fixture.person(birth: "19700301", sequence: 61)
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.contribute(citizen, .residentBasic, years: 2010...2011)
            try await fixture.contribute(citizen, .residentBasic, years: 2013...2025)
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: county, fields: [
                ("row", start.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号")])
            let cases = try await CaseRecord.query(on: app.db).count()
            let outside = try await accept(fixture, citizen, scheme: .residentBasic, years: "2012,2009", grade: "500")
            #expect(outside.0 == .unprocessableEntity && outside.2.contains("2009年度不在可补缴年度内（可补缴：2012）"))
            let badGrade = try await accept(fixture, citizen, scheme: .residentBasic, years: "2012", grade: "600")
            #expect(badGrade.0 == .unprocessableEntity && badGrade.2.contains("缴费档次600.00元在2026-11-25不在执行期内"))
            let notYear = try await accept(fixture, citizen, scheme: .residentBasic, years: "12", grade: "500")
            #expect(notYear.0 == .unprocessableEntity && notYear.2.contains("“12”不是年份"))
            #expect(try await CaseRecord.query(on: app.db).count() == cases, "nothing written")

            let (status, created, _) = try await accept(fixture, citizen, scheme: .residentBasic, years: "2012", grade: "500")
            #expect(status == .seeOther)
            let id = try #require(created)
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(stored.totalFen == 50_000 && stored.notes.contains("②参保后缴费中断：2012"))
            #expect(stored.lines.first?.basis == "缴费档次500.00元，政府补贴60.00元记入个人账户")
            #expect(stored.waiting.map(\.key) == [.residentGrades])
            let page = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())")
            #expect(page.1.contains("②参保后缴费中断：2012") && page.1.contains("缴费档次及政府补贴（入口补）"))
            let refused = try await fixture.approve(id, as: reviewer)
            #expect(refused.0 == .conflict && refused.1.contains("待业务管理员核实后方可审批"))
            let grades = try #require(book.latest(.residentGrades, county: nil))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: province, fields: [
                ("row", grades.id.uuidString.lowercased()), ("confirm_value", ""), ("confirm_source", "晋人社发〔2026〕8号")])
            #expect(try await fixture.approve(id, as: reviewer).0 == .seeOther)
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            let year = try #require(ledger.contributions.first { $0.year == 2012 })
            #expect(year.kind == .backPayment && year.personalFen == 50_000 && year.subsidyFen == 6_000 && !year.arrived)
            #expect(try await fixture.count("insurance_outbound") == 1)
        }
    }

    @Test("start date unknown: accepted as asked, approval waits naming it; once confirmed a year outside is refused, the gap year approved")
    func acceptedWhileStartWaits() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let county = try await app.session(as: .countyBusinessAdmin)
            let province = try await app.session(as: .provinceBusinessAdmin)
            let book = try await PolicyFigureBook.load(on: app.db)
            let citizen = try await fixture.person(birth: "19700301", sequence: 62)
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.contribute(citizen, .residentBasic, years: 2010...2011)
            try await fixture.contribute(citizen, .residentBasic, years: 2013...2025)
            // What needs no start date is still checked at acceptance: a year paid already.
            let paid = try await accept(fixture, citizen, scheme: .residentBasic, years: "2013", grade: "500")
            #expect(paid.0 == .unprocessableEntity && paid.2.contains("2013"))

            let gap = try await accept(fixture, citizen, scheme: .residentBasic, years: "2012", grade: "500")
            let early = try await accept(fixture, citizen, scheme: .residentBasic, years: "2009", grade: "500")
            #expect(gap.0 == .seeOther && early.0 == .seeOther, "\(gap.2.prefix(600)) \(early.2.prefix(600))")
            let gapID = try #require(gap.1), earlyID = try #require(early.1)
            let stored = try #require(try await CaseComputations.load(caseID: gapID, on: app.db))
            #expect(stored.totalFen == 50_000 && stored.lines.map(\.name) == ["2012年度（补缴情形待定）"])
            #expect(stored.lines.first?.basis == "缴费档次500.00元，政府补贴待核定补缴情形后确定")
            #expect(Set(stored.waiting.map(\.key)) == [.ruralPensionStart, .residentGrades])
            #expect(stored.notes.first?.hasPrefix("新型农村社会养老保险（新农保）实施日期尚无数值（待核实）") == true)
            let page = try await app.getPage(reviewer, "/cases/\(gapID.uuidString.lowercased())")
            #expect(page.1.contains("核实前本办件不能审批") && page.1.contains("新型农村社会养老保险（新农保）实施日期（"))
            let waiting = try await fixture.approve(gapID, as: reviewer)
            #expect(waiting.0 == .conflict && waiting.1.contains("新型农村社会养老保险（新农保）实施日期") && waiting.1.contains("待业务管理员核实后方可审批"))

            let start = try #require(book.latest(.ruralPensionStart, county: Self.ruicheng))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: county, fields: [
                ("row", start.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号")])
            let grades = try #require(book.latest(.residentGrades, county: nil))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: province, fields: [
                ("row", grades.id.uuidString.lowercased()), ("confirm_value", ""), ("confirm_source", "晋人社发〔2026〕8号")])
            let outside = try await fixture.approve(earlyID, as: reviewer)
            #expect(outside.0 == .conflict && outside.1.contains("2009年度不在可补缴年度内（可补缴：2012）"))
            #expect(try await fixture.approve(gapID, as: reviewer).0 == .seeOther)
            let approved = try #require(try await CaseComputations.load(caseID: gapID, on: app.db))
            #expect(approved.waiting.isEmpty && approved.lines.map(\.name) == ["2012年度（②）"])
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            #expect(ledger.contributions.filter { $0.kind == .backPayment }.map(\.year) == [2012])
            #expect(ledger.contributions.first { $0.year == 2012 }?.subsidyFen == 6_000)
            #expect(try await fixture.count("insurance_outbound") == 1)
        }
    }

    @Test("③ in the supplementary scheme: topping up to 15 years before the start, without subsidy")
    func supplementaryWithoutSubsidy() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            // 65 on the supplementary scheme's start (2021-01-01): nothing owed, up to 15 years back-paid in one sum.
            let citizen = try await fixture.person(birth: "19551201", sequence: 63)
            try await fixture.enrol(citizen, .residentSupplementary)
            let (status, created, body) = try await accept(fixture, citizen, scheme: .residentSupplementary, years: "2019,2020", grade: "1000")
            #expect(status == .seeOther, "\(body.prefix(600))")
            let id = try #require(created)
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(stored.totalFen == 200_000 && stored.waiting.isEmpty)
            #expect(stored.lines.allSatisfy { $0.basis.hasSuffix("补缴不享受缴费补贴") })
            #expect(stored.notes.contains { $0.hasPrefix("③已逐年缴费，补足15年：2006、2007") && $0.hasSuffix("（不享受缴费补贴）") })
            #expect(try await fixture.approve(id, as: try await app.session(as: .reviewer)).0 == .seeOther)
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            #expect(ledger.contributions.map(\.subsidyFen) == [0, 0] && ledger.contributions.map(\.year) == [2019, 2020])
        }
    }
}
