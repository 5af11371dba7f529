import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("问题反映 routing, escalation and scope (attachment 4)")
struct ProblemRoutingTests {
    @Test("a system problem goes to the provincial task force; the county oversees it, another county never sees it")
    func systemProblemToTaskForce() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let (status, created, _) = try await app.fileProblem(village, category: "system", area: "job")
            #expect(status == .seeOther)
            let id = try #require(created)
            let record = try await app.problem(id)
            #expect(record.desk == "task_force" && record.chain == "task_force" && record.assigneeAccount == nil)
            #expect(record.number == "WT20261125" + "0001")
            #expect(record.reporterGroup == "140830000000")
            let taskForce = try await app.session(as: .taskForce)
            #expect(try await app.notifications(of: taskForce.accountID).count == 1)
            #expect(try await app.notifications(of: try await app.accountID(of: .expert)).isEmpty)
            let path = "/problems/\(id.uuidString.lowercased())"
            // The expert is not on the chain and oversees nothing; the county business admin oversees its county.
            #expect(try await app.getPage(try await app.session(as: .expert), path).0 == .notFound)
            let countyAdmin = try await app.session(as: .countyBusinessAdmin)
            #expect(try await app.getPage(countyAdmin, path).0 == .ok)
            #expect(try await app.getPage(taskForce, path).0 == .ok)
            _ = try await addPingluCounty(app)
            let pinglu = try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                                   idNumber: "140829198001010010", phone: "13903590100")
            #expect(try await app.getPage(pinglu, path).0 == .notFound)
            #expect(!(try await app.getPage(pinglu, "/problems").1.contains(record.number)))
            // Someone who sees it but does not hold it cannot reply (S12), and the refusal is audited.
            let refused = try await app.problemAction(countyAdmin, id, [("action", "reply"), ("text", "已知悉"), ("days", "3")])
            #expect(refused.0 == .forbidden && refused.1.contains("只有当前承办单位可以答复或上报该问题"))
            #expect(try await auditCount("problem.reply", result: "denied", on: app) == 1)
            // The top of the chain cannot escalate; it replies with a time limit in working days.
            let top = try await app.problemAction(taskForce, id, [("action", "escalate"), ("text", "无法处理")])
            #expect(top.0 == .conflict && top.1.contains("省工作专班是最高一级"))
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: taskForce, fields: [("action", "reply"), ("text", "已修复，请刷新后重试"), ("days", "5")])
            let answered = try await app.problem(id)
            // 2026-11-25 (Wed) + 5 working days = 2026-12-02.
            #expect(answered.state == "answered" && answered.promisedBy == "2026-12-02" && answered.firstReplyOn == "2026-11-25")
            #expect(try await app.notifications(of: village.accountID).count == 1)
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: village, fields: [("action", "solve")])
            #expect(try await app.problem(id).state == "solved")
            for action in ["problem.file", "problem.reply", "problem.solve"] {
                #expect(try await auditCount(action, result: "success", on: app) == 1, "\(action)")
            }
        }
    }

    @Test("a guidance question goes to the county, to the expert the responsibility list names for its area")
    func guidanceToListedExpert() async throws {
        try await TestApp.run { app in
            try await app.nameExpert(for: [.insurance])
            let township = try await app.session(as: .townshipOperator)
            let id = try #require(try await app.fileProblem(township, category: "guidance", area: "insurance").1)
            let record = try await app.problem(id)
            let expert = try await app.accountID(of: .expert)
            #expect(record.desk == "140830000000" && record.assigneeAccount == expert && !record.assignmentGap)
            #expect(try await app.notifications(of: expert).count == 1)
            #expect(try await app.notifications(of: try await app.accountID(of: .countyBusinessAdmin)).isEmpty)
            // The reviewer is neither on the chain nor an overseer: the report is not there for it.
            let reviewer = try await app.session(as: .reviewer)
            #expect(try await app.problemAction(reviewer, id, [("action", "reply"), ("text", "x"), ("days", "1")]).0 == .notFound)
        }
    }

    @Test("a gap in the responsibility list falls back to the county business admin, flagged")
    func gapFallsBack() async throws {
        try await TestApp.run { app in
            try await app.nameExpert(for: [.insurance])
            let village = try await app.session(as: .villageOperator)
            let id = try #require(try await app.fileProblem(village, category: "guidance", area: "card").1)
            let record = try await app.problem(id)
            let admin = try await app.accountID(of: .countyBusinessAdmin)
            #expect(record.assigneeAccount == admin && record.assignmentGap)
            let notices = try await app.notifications(of: admin)
            #expect(notices.count == 1 && notices[0].body.contains("请补全责任清单"))
            let adminSession = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(adminSession, "/problems/\(id.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("责任清单缺项"))
            // The business admin answers for the county desk.
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: adminSession, fields: [("action", "reply"), ("text", "请在社保卡页面点击“挂失”"), ("days", "1")])
            #expect(try await auditCount("problem.file", result: "success", on: app) == 1)
        }
    }

    @Test("county → city → provincial task force: only the holding desk acts, everyone on the chain keeps seeing it")
    func escalationChain() async throws {
        try await TestApp.run { app in
            try await app.nameExpert(for: [.job])
            let village = try await app.session(as: .villageOperator)
            let expert = try await app.session(as: .expert)
            let city = try await app.session(as: .cityOfficer)
            let taskForce = try await app.session(as: .taskForce)
            let id = try #require(try await app.fileProblem(village, category: "guidance", area: "job").1)
            #expect(try await app.problemAction(expert, id, [("action", "escalate"), ("text", "")]).0 == .unprocessableEntity)
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: expert, fields: [("action", "escalate"), ("text", "县里没有该业务的经办权限")])
            var record = try await app.problem(id)
            #expect(record.desk == "140800000000" && record.chain == "140830000000 140800000000" && record.escalations == 1)
            #expect(record.assigneeAccount == nil)
            #expect(try await app.notifications(of: city.accountID).count == 1)
            #expect(try await app.notifications(of: village.accountID).count == 1)
            // The county no longer holds it: it sees it but cannot reply or escalate again.
            let path = "/problems/\(id.uuidString.lowercased())"
            let countyView = try await app.getPage(expert, path)
            #expect(countyView.0 == .ok && countyView.1.contains("县里没有该业务的经办权限"))
            #expect(try await app.problemAction(expert, id, [("action", "reply"), ("text", "补充"), ("days", "2")]).0 == .forbidden)
            #expect(try await app.problemAction(expert, id, [("action", "escalate"), ("text", "再报")]).0 == .forbidden)
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: city, fields: [("action", "escalate"), ("text", "需省级调整系统权限")])
            record = try await app.problem(id)
            #expect(record.desk == "task_force" && record.chain == "140830000000 140800000000 task_force" && record.escalations == 2)
            #expect(try await app.notifications(of: taskForce.accountID).count == 1)
            #expect(try await app.problemAction(city, id, [("action", "reply"), ("text", "x"), ("days", "2")]).0 == .forbidden)
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: taskForce, fields: [("action", "reply"), ("text", "已开通，请重新登录"), ("days", "2")])
            // The reporter reopens: it waits again at the task force, from today.
            try await app.expectNoticeRedirect("/problems/\(id.uuidString.lowercased())/actions", as: village, fields: [("action", "reopen"), ("text", "重新登录后仍无此菜单")])
            record = try await app.problem(id)
            #expect(record.state == "waiting" && record.desk == "task_force" && record.promisedBy == nil && record.firstReplyOn == "2026-11-25")
            // Every desk on the chain sees every step.
            for session in [expert, city, taskForce, village] {
                let page = try await app.getPage(session, path)
                #expect(page.0 == .ok && page.1.contains("需省级调整系统权限") && page.1.contains("重新登录后仍无此菜单"))
            }
            #expect(try await auditCount("problem.escalate", result: "success", on: app) == 2)
            #expect(try await auditCount("problem.escalate", result: "denied", on: app) == 2)
        }
    }

    @Test("a guidance question from above the counties has no county to go to, and says so")
    func guidanceFromCity() async throws {
        try await TestApp.run { app in
            let city = try await app.session(as: .cityOfficer)
            let (status, _, body) = try await app.fileProblem(city, category: "guidance", area: "job")
            #expect(status == .unprocessableEntity && body.contains("业务指导性问题由县级人社部门答复"))
            #expect(try await ProblemReportRecord.query(on: app.db).count() == 0)
            // The auditor reads the audit trail only.
            let auditor = try await app.session(as: .provinceAuditor)
            #expect(try await app.getPage(auditor, "/problems").0 == .forbidden)
        }
    }
}
