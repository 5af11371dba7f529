import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("问题台账, responsibility list, oversight, training and due notices")
struct ProblemOversightTests {
    @Test("the ledger filters; CSV and Excel carry the same rows; exports are audited")
    func ledgerAndExports() async throws {
        try await TestApp.run { app in
            try await app.nameExpert(for: [.job])
            let village = try await app.session(as: .villageOperator)
            let township = try await app.session(as: .townshipOperator)
            _ = try #require(try await app.fileProblem(village, category: "system", area: "card", description: "社保卡页面按钮错位").1)
            _ = try #require(try await app.fileProblem(township, category: "guidance", area: "job", description: "零工登记不会操作").1)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let all = try await app.getPage(admin, "/problems")
            #expect(all.0 == .ok && all.1.contains("社保卡页面按钮错位") && all.1.contains("零工登记不会操作"))
            let guidance = try await app.getPage(admin, "/problems?category=guidance")
            #expect(guidance.1.contains("零工登记不会操作") && !guidance.1.contains("社保卡页面按钮错位"))
            // Each operator sees its own report only.
            #expect(!(try await app.getPage(village, "/problems").1.contains("零工登记不会操作")))
            var csv = ""
            try await app.testing().test(.GET, "/problems/export?format=csv", headers: admin.headers) { res in
                #expect(res.status == .ok && res.headers.contentType?.subType == "csv")
                csv = res.body.string
            }
            let lines = csv.split(separator: "\r\n")
            #expect(lines.count == 3 && lines[0].contains("问题编号") && csv.contains("芮城县人社部门"))
            var xlsx: [UInt8] = []
            try await app.testing().test(.GET, "/problems/export?format=xlsx&category=guidance", headers: admin.headers) { res in
                #expect(res.status == .ok)
                xlsx = Array(res.body.readableBytesView)
            }
            let files = try #require(ZipArchive.read(xlsx))
            let sheet = String(decoding: try #require(files["xl/worksheets/sheet1.xml"]), as: UTF8.self)
            #expect(sheet.contains("零工登记不会操作") && !sheet.contains("社保卡页面按钮错位") && sheet.contains("问题编号"))
            #expect(files["[Content_Types].xml"] != nil && files["xl/workbook.xml"] != nil)
            #expect(try await auditCount("problem.export", result: "success", on: app) == 2)
        }
    }

    @Test("the county business admin keeps the responsibility list; only the county's experts can be named")
    func responsibilityList() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(admin, "/problems/responsibilities")
            #expect(page.0 == .ok && page.1.contains("以下领域尚未指定业务骨干：学技能、办社保卡、账号、其他") && page.1.contains("冯立新"))
            let expert = try await app.accountID(of: .expert)
            let reviewer = try await app.accountID(of: .reviewer)
            /// The whole form, as the page sends it: every area, 未指定 ("") where none is named.
            func save(_ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                let whole = fields + BusinessArea.allCases.map { "area_" + $0.rawValue }
                    .filter { name in !fields.contains { $0.0 == name } }.map { ($0, "") }
                try await app.testing().test(.POST, "/problems/responsibilities", headers: admin.formHeaders,
                                             body: admin.form(whole)) { res in result = (res.status, res.body.string) }
                return result
            }
            let refused = try await save([("area_job", expert.uuidString), ("area_card", reviewer.uuidString)])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("“办社保卡”的业务骨干只能从本县在岗的业务骨干中选择"))
            let ruicheng = try DivisionCode("140830000000")
            // The demonstration list (job and insurance) is untouched by the refusal.
            #expect(try await ResponsibilityRecord.list(of: ruicheng, on: app.db).entries == [.job: expert, .insurance: expert])
            let saved = BusinessArea.allCases.map { ("area_" + $0.rawValue, [.job, .skill].contains($0) ? expert.uuidString : "") }
            #expect(try await app.expectNoticeRedirect("/problems/responsibilities", as: admin, fields: saved)?.location
                == "/problems/responsibilities")
            let list = try await ResponsibilityRecord.list(of: ruicheng, on: app.db)
            #expect(list.entries == [.job: expert, .skill: expert])
            #expect(try await auditCount("problem.responsibility_list", result: "success", on: app) == 1)
            // A guidance question on a listed area now reaches the expert.
            let village = try await app.session(as: .villageOperator)
            let id = try #require(try await app.fileProblem(village, category: "guidance", area: "skill").1)
            #expect(try await app.problem(id).assigneeAccount == expert)
            let gap = try #require(try await app.fileProblem(village, category: "guidance", area: "insurance").1)
            #expect(try await app.problem(gap).assignmentGap)
            // The province reads every county's list; only a county business admin keeps one.
            let province = try await app.session(as: .provinceBusinessAdmin)
            let overview = try await app.getPage(province, "/problems/responsibilities")
            #expect(overview.0 == .ok && overview.1.contains("各县责任清单") && overview.1.contains("冯立新") && overview.1.contains("未指定"))
            var status = HTTPStatus.ok
            try await app.testing().test(.POST, "/problems/responsibilities", headers: province.formHeaders,
                                         body: province.form([("area_job", expert.uuidString)])) { res in status = res.status }
            #expect(status == .forbidden)
            #expect(try await app.getPage(village, "/problems/responsibilities").0 == .forbidden)
        }
    }

    @Test("the province sees each county's handling and schedules training that the counties concerned see")
    func oversightAndTraining() async throws {
        try await TestApp.run { app in
            try await app.nameExpert(for: [.job])
            let village = try await app.session(as: .villageOperator)
            let expert = try await app.session(as: .expert)
            let id = try #require(try await app.fileProblem(village, category: "guidance", area: "job").1)
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: expert, fields: [("action", "reply"), ("text", "见操作手册第3章"), ("days", "2")])
            let taskForce = try await app.session(as: .taskForce)
            let page = try await app.getPage(taskForce, "/problems/oversight")
            #expect(page.0 == .ok && page.1.contains("芮城县") && page.1.contains("业务指导性问题·找工作：1条"))
            #expect(page.1.contains("0.0个工作日"))
            _ = try await addPingluCounty(app)
            func schedule(_ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(.POST, "/problems/trainings", headers: taskForce.formHeaders,
                                             body: taskForce.form(fields)) { res in result = (res.status, res.body.string) }
                return result
            }
            let past = try await schedule([("date", "2026-11-20"), ("time", "25:00"), ("topic", "零工登记"), ("areas[]", "job"),
                                           ("counties[]", "140830000000"), ("venue", "https://meeting.example.cn/123")])
            #expect(past.0 == .unprocessableEntity && past.1.contains("培训日期不能早于今天") && past.1.contains("开始时间应为24小时制时刻"))
            #expect(try await TrainingSessionRecord.query(on: app.db).count() == 0)
            try await app.expectNoticeRedirect("/problems/trainings", as: taskForce, fields: [
                ("date", "2026-12-08"), ("time", "09:30"), ("topic", "零工登记操作培训"), ("areas[]", "job"),
                ("counties[]", "140830000000"), ("venue", "https://meeting.example.cn/123")])
            #expect(try await app.notifications(of: expert.accountID).contains { $0.title.contains("零工登记操作培训") })
            #expect(try await app.getPage(village, "/problems").1.contains("零工登记操作培训"))
            let pinglu = try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                                   idNumber: "140829198001010010", phone: "13903590100")
            #expect(!(try await app.getPage(pinglu, "/problems").1.contains("零工登记操作培训")))
            #expect(try await auditCount("training.schedule", result: "success", on: app) == 1)
            // Only the task force schedules; a county business admin sees its own figures only.
            let county = try await app.session(as: .countyBusinessAdmin)
            #expect(try await app.getPage(county, "/problems/oversight").0 == .ok)
            var status = HTTPStatus.ok
            try await app.testing().test(.POST, "/problems/trainings", headers: county.formHeaders, body: county.form([("topic", "x")])) { res in
                status = res.status
            }
            #expect(status == .forbidden)
        }
    }

    @Test("the holding desk is told once on the reply's last day and once when it is late; the ledger flags it")
    func dueNotices() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            try await app.nameExpert(for: [.job])
            let village = try await app.session(as: .villageOperator)
            let id = try #require(try await app.fileProblem(village, category: "guidance", area: "job").1)
            let expert = try await app.accountID(of: .expert)
            #expect(try await ProblemDueJob.run(app) == 0)
            // Filed on Wednesday 2026-11-25: three working days later is Monday 2026-11-30.
            clock.advance(by: 5 * 86_400)
            #expect(try await ProblemDueJob.run(app) == 1)
            #expect(try await ProblemDueJob.run(app) == 0)
            clock.advance(by: 86_400)
            #expect(try await ProblemDueJob.run(app) == 1)
            let titles = try await app.notifications(of: expert).map(\.title).sorted()
            #expect(titles.count == 3 && titles.contains { $0.hasSuffix("今日答复到期") } && titles.contains { $0.hasSuffix("答复已超期") })
            let admin = try await app.session(as: .countyBusinessAdmin)
            let overdue = try await app.getPage(admin, "/problems?overdue=1")
            #expect(overdue.1.contains(try await app.problem(id).number) && overdue.1.contains("超期"))
            #expect(try await auditCount("problem.due_notice", result: "success", on: app) == 2)
        }
    }
}
