import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The stored rows of the figures, as plain text, to see that a refused form wrote nothing.
func policyFigureSnapshot(_ app: Application) async throws -> [String] {
    try await PolicyFigureRecord.query(on: app.db).all().map {
        [$0.id!.uuidString, $0.key, $0.scopeCode, $0.validFrom, $0.validTo, $0.value ?? "-", $0.source, $0.status].joined(separator: "|")
    }.sorted()
}

extension Application {
    func postForm(_ session: TestSession, _ path: String, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await testing().test(.POST, path, headers: session.formHeaders, body: session.form(fields)) { res in
            result = (res.status, res.body.string)
        }
        return result
    }
}

@Suite("政策参数: the seed, the list page per role, successors, confirmations, refusals")
struct PolicyFiguresTests {
    static let ruicheng = try! DivisionCode.county("140830")

    @Test("a fresh database holds every seed row exactly once, demonstration or not, and two instances seed once")
    func seededOnce() async throws {
        for demo in [true, false] {
            try await TestApp.run(demo: demo) { app in
                let rows = try await PolicyFigureRecord.query(on: app.db).all()
                #expect(rows.count == PolicyFigureSeed.rows.count)
                #expect(rows.compactMap(\.row).count == rows.count)
                // Each figure has exactly one current row; earlier ones end the day before their successor.
                let book = try await PolicyFigureBook.load(on: app.db)
                for key in PolicyFigureKey.allCases {
                    let history = book.history(key, county: key.definition.scope == .county ? Self.ruicheng : nil)
                    #expect(history.first?.validTo == nil, "\(key)")
                    for (newer, older) in zip(history, history.dropFirst()) {
                        #expect(older.validTo == newer.validFrom.adding(days: -1), "\(key)")
                    }
                }
                #expect(rows.filter { $0.status == "unconfirmed" }.count == PolicyFigureSeed.rows.filter { $0.status == .unconfirmed }.count)
            }
        }
        try await TestApp.runTwo { first, second in
            let counts = [try await PolicyFigureRecord.query(on: first.db).count(),
                          try await PolicyFigureRecord.query(on: second.db).count()]
            #expect(counts == [PolicyFigureSeed.rows.count, PolicyFigureSeed.rows.count])
        }
    }

    @Test("the read API: provincial rows and one county's, resolved on a date with row id, value and status")
    func readAPI() async throws {
        try await TestApp.run { app in
            let book = try await PolicyFigureBook.load(on: app.db, county: Self.ruicheng)
            #expect(book.rows.allSatisfy { $0.county == nil || $0.county == Self.ruicheng })
            let wage = book.resolve(.minimumWageClass2, on: CalendarDate(iso: "2025-03-01")!)
            #expect(wage.isConfirmed && wage.value == .amount(fen: 205000) && wage.use?.source == "晋政办发〔2024〕58号（小时11.8元）")
            let central = book.resolve(.centralBasicPension, on: CalendarDate(iso: "2026-11-25")!)
            #expect(!central.isConfirmed && central.value == .amount(fen: 16300))
            #expect(book.resolve(.ruralPensionStart, on: CalendarDate(iso: "2012-01-01")!, county: Self.ruicheng).value == nil)
        }
    }

    @Test("who reads the list and who may change: business admins and reviewers read; others 403, audited")
    func listPerRole() async throws {
        try await TestApp.run { app in
            let province = try await app.getPage(try await app.session(as: .provinceBusinessAdmin), "/policy-figures")
            #expect(province.0 == .ok && province.1.contains("中央基础养老金最低标准") && province.1.contains("待核实"))
            #expect(province.1.contains("调整或确认") && province.1.contains("芮城县"))
            let county = try await app.getPage(try await app.session(as: .countyBusinessAdmin), "/policy-figures")
            #expect(county.0 == .ok && county.1.contains("县级加发基础养老金") && county.1.contains("调整或确认"))
            let reviewer = try await app.getPage(try await app.session(as: .reviewer), "/policy-figures")
            #expect(reviewer.0 == .ok && reviewer.1.contains("2150元") && !reviewer.1.contains("调整或确认"))
            // The navigation offers it to those who read it.
            #expect(reviewer.1.contains("href=\"/policy-figures\""))
            let denied = try await auditCount("access.denied", on: app)
            for role in [DemoRole.villageOperator, .provinceSystemAdmin, .countySystemAdmin, .provinceAuditor, .taskForce] {
                let page = try await app.getPage(try await app.session(as: role), "/policy-figures")
                #expect(page.0 == .forbidden, "\(role)")
            }
            #expect(try await auditCount("access.denied", on: app) == denied + 5)
            // A county's figure the county admin may not read is a missing page, audited as a denial.
            let other = try await app.getPage(try await app.session(as: .countyBusinessAdmin),
                                              "/policy-figures/resident.basic-pension.county?county=140881")
            #expect(other.0 == .notFound)
            #expect(try await auditCount("access.denied", on: app) == denied + 6)
        }
    }

    @Test("a successor ends the current row the day before and holds from its date; audited")
    func successor() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceBusinessAdmin)
            let redirect = try await app.expectNoticeRedirect("/policy-figures/successors", as: province, fields: [
                ("key", "supplementary.exit-subsidy.65"), ("county", ""), ("valid_from", "2026-07-01"), ("value", "25"),
                ("source", "晋政发〔2026〕9号"),
            ])
            #expect(redirect?.location == "/policy-figures/supplementary.exit-subsidy.65")
            let book = try await PolicyFigureBook.load(on: app.db)
            let history = book.history(.supplementaryExit65to79, county: nil)
            #expect(history.count == 2)
            #expect(history[1].validTo == CalendarDate(iso: "2026-06-30") && history[1].value == .amount(fen: 2000))
            #expect(history[0].validTo == nil && history[0].value == .amount(fen: 2500) && history[0].status == .confirmed)
            #expect(book.resolve(.supplementaryExit65to79, on: CalendarDate(iso: "2026-06-30")!).value == .amount(fen: 2000))
            #expect(book.resolve(.supplementaryExit65to79, on: CalendarDate(iso: "2026-07-01")!).value == .amount(fen: 2500))
            let stored = try await PolicyFigureRecord.find(history[0].id, on: app.db)
            #expect(stored?.setBy == province.accountID)
            let audited = try await auditedObjects("policy-figure.succeed", on: app)
            #expect(audited == [AuditedObject(history[0].id.uuidString.lowercased(),
                "出口补（65–79周岁）（全省）：自2026-07-01起为25元，依据晋政发〔2026〕9号；原值20元自2021-01-01起，至2026-06-30止")])
            let page = try await app.getPage(province, "/policy-figures/supplementary.exit-subsidy.65")
            #expect(page.1.contains("2021-01-01起至2026-06-30") && page.1.contains("data-confirm"))
            // Who entered each row and when: the seed, and the province's business admin today.
            let name = try #require(try await (app.db as! any SQLDatabase).raw("""
                SELECT p.name FROM staff_accounts a JOIN staff_persons p ON p.id = a.person_id WHERE a.id = \(bind: province.accountID)
                """).first()).decode(column: "name", as: String.self)
            #expect(page.1.contains("<td class=\"nowrap\">\(name) 2026-11-25</td>") && page.1.contains("<td class=\"nowrap\">系统初始数据 "))
        }
    }

    @Test("a county admin confirms its county's 待核实 figure with the document (and the value it lacked); audited")
    func confirm() async throws {
        try await TestApp.run { app in
            let county = try await app.session(as: .countyBusinessAdmin)
            let book = try await PolicyFigureBook.load(on: app.db)
            let pending = try #require(book.latest(.ruralPensionStart, county: Self.ruicheng))
            let form = try await app.getPage(county, "/policy-figures/resident.start.rural?county=140830&confirm=\(pending.id.uuidString.lowercased())")
            #expect(form.1.contains("confirm_source") && form.1.contains("confirm_value"))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: county, fields: [
                ("row", pending.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号"),
            ])
            let after = try await PolicyFigureBook.load(on: app.db)
            let resolved = after.resolve(.ruralPensionStart, on: CalendarDate(iso: "2015-01-01")!, county: Self.ruicheng)
            #expect(resolved.isConfirmed && resolved.value == .date(CalendarDate(iso: "2010-07-01")!) && resolved.use?.source == "芮政发〔2010〕12号")
            #expect(try await auditedObjects("policy-figure.confirm", on: app).map(\.object) == [pending.id.uuidString.lowercased()])
            // The province's admin does not set a county's figure, nor the county's a provincial one: 403, audited.
            let denied = try await auditCount("access.denied", on: app)
            let central = try #require(after.latest(.centralBasicPension, county: nil))
            let province = try await app.session(as: .provinceBusinessAdmin)
            let urban = try #require(after.latest(.urbanResidentPensionStart, county: Self.ruicheng))
            #expect(try await app.postForm(province, "/policy-figures/confirmations", [
                ("row", urban.id.uuidString.lowercased()), ("confirm_value", "2011-07-01"), ("confirm_source", "文件")]).0 == .forbidden)
            #expect(try await app.postForm(county, "/policy-figures/confirmations", [
                ("row", central.id.uuidString.lowercased()), ("confirm_source", "文件")]).0 == .forbidden)
            #expect(try await app.postForm(county, "/policy-figures/successors", [
                ("key", "resident.basic-pension.central"), ("county", ""), ("valid_from", "2027-01-01"), ("value", "183"), ("source", "文件")]).0 == .forbidden)
            #expect(try await app.postForm(try await app.session(as: .reviewer), "/policy-figures/successors", [
                ("key", "resident.basic-pension.central"), ("county", ""), ("valid_from", "2027-01-01"), ("value", "183"), ("source", "文件")]).0 == .forbidden)
            #expect(try await auditCount("access.denied", on: app) == denied + 4)
        }
    }

    @Test("bad input is refused with its message naming the field, and nothing is written")
    func refusals() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceBusinessAdmin)
            let county = try await app.session(as: .countyBusinessAdmin)
            let before = try await policyFigureSnapshot(app)
            let auditBefore = try await auditCount("policy-figure.succeed", on: app) + auditCount("policy-figure.confirm", on: app)
            func successor(_ session: TestSession, key: String = "wage.minimum.class-1", county: String = "", from: String, value: String,
                           source: String = "晋政办发〔2026〕1号") async throws -> (HTTPStatus, String) {
                try await app.postForm(session, "/policy-figures/successors",
                                       [("key", key), ("county", county), ("valid_from", from), ("value", value), ("source", source)])
            }
            let negative = try await successor(province, from: "2027-01-01", value: "-2300")
            #expect(negative.0 == .unprocessableEntity && negative.1.contains("数值：金额（元）不能为负数，收到“-2300”"))
            #expect(negative.1.contains("未保存任何数据") && negative.1.contains("value=\"-2300\""))
            let early = try await successor(province, from: "2024-12-31", value: "2300")
            #expect(early.0 == .unprocessableEntity && early.1.contains("生效日期应晚于现行值的生效日期2025-01-01"))
            let noSource = try await successor(province, from: "2027-01-01", value: "2300", source: " ")
            #expect(noSource.0 == .unprocessableEntity && noSource.1.contains("依据文件：请填写文件名称及文号"))
            let unknownCounty = try await successor(county, key: "resident.basic-pension.county", county: "140881", from: "2027-01-01", value: "5")
            #expect(unknownCounty.0 == .unprocessableEntity && unknownCounty.1.contains("区县：代码140881不是已登记的县（市、区）"))
            let countyOnProvincial = try await successor(province, county: "140830", from: "2027-01-01", value: "2300")
            #expect(countyOnProvincial.0 == .unprocessableEntity && countyOnProvincial.1.contains("是全省统一的参数，不分区县"))
            let pending = try #require(try await PolicyFigureBook.load(on: app.db).latest(.urbanResidentPensionStart, county: Self.ruicheng))
            let emptySource = try await app.postForm(county, "/policy-figures/confirmations",
                                                     [("row", pending.id.uuidString.lowercased()), ("confirm_value", "2011-07-01"), ("confirm_source", "")])
            #expect(emptySource.0 == .unprocessableEntity && emptySource.1.contains("依据文件：确认参数须填写文件名称及文号"))
            let badDate = try await app.postForm(county, "/policy-figures/confirmations",
                                                 [("row", pending.id.uuidString.lowercased()), ("confirm_value", "2011-13-01"), ("confirm_source", "文件")])
            #expect(badDate.0 == .unprocessableEntity && badDate.1.contains("数值：日期格式应为YYYY-MM-DD，收到“2011-13-01”"))
            #expect(try await policyFigureSnapshot(app) == before)
            #expect(try await auditCount("policy-figure.succeed", on: app) + auditCount("policy-figure.confirm", on: app) == auditBefore)
        }
    }
}
