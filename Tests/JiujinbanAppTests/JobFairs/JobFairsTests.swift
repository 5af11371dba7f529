import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Fair fields as the form sends them; `changes` replace or add fields.
func jobFairFields(_ changes: [String: String] = [:]) -> [(String, String)] {
    var fields: [(String, String)] = [
        ("title", "2026年冬季农村劳动力专场招聘会"), ("start_date", "2026-11-28"), ("start_time", "09:00"), ("end_date", ""),
        ("end_time", "12:00"), ("venue", "芮城县人力资源市场"), ("address", "芮城县古魏镇永乐南街"), ("division", "140830000000"),
        ("audience", "农村劳动力、高校毕业生"), ("employers", "山西某某食品有限公司 15\r\n芮城县某某纺织有限公司 8"),
        ("organiser", "芮城县人力资源和社会保障局"), ("contact_phone", "0359-3021234"),
    ]
    for (key, value) in changes {
        if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
    }
    return fields
}

@Suite("招聘会信息 (item 14): published by business admins, looked up by every post that serves, status by the clock")
struct JobFairsAppTests {
    func fairID(_ app: Application, _ title: String) async throws -> UUID {
        try #require(try await JobFairRecord.query(on: app.db).filter(\.$title == title).first()?.requireID())
    }

    @Test("upcoming by default, soonest first; by status, division and keyword; the detail page lists the employers")
    func listAndSearch() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            // The test clock says 2026-11-25 10:00.
            try await app.expectNoticeRedirect("/job-fairs", as: admin, fields: jobFairFields())
            #expect(try await app.post(admin, "/job-fairs", jobFairFields(["title": "高校毕业生就业服务月专场", "start_date": "2026-11-25",
                                                                      "start_time": "09:00", "end_time": "16:00", "employers": ""])).0 == .seeOther)
            #expect(try await app.post(admin, "/job-fairs", jobFairFields(["title": "早间零工对接会", "start_date": "2026-11-25",
                                                                      "start_time": "08:00", "end_time": "09:30"])).0 == .seeOther)
            let province = try await app.session(as: .provinceBusinessAdmin)
            #expect(try await app.post(province, "/job-fairs", jobFairFields(["title": "全省民营企业招聘月", "division": "140000000000",
                                                                         "start_date": "2026-12-01", "end_date": "2026-12-03"])).0 == .seeOther)

            let operatorSession = try await app.session(as: .villageOperator)
            let upcoming = try await app.getPage(operatorSession, "/job-fairs")
            #expect(upcoming.0 == .ok && upcoming.1.contains("近期（未结束）：共3场") && !upcoming.1.contains("早间零工对接会"))
            #expect(!upcoming.1.contains("发布招聘会"))
            let ongoing = try #require(upcoming.1.range(of: "高校毕业生就业服务月专场")), later = try #require(upcoming.1.range(of: "2026年冬季农村劳动力专场招聘会"))
            #expect(ongoing.lowerBound < later.lowerBound)
            #expect(upcoming.1.contains("进行中") && upcoming.1.contains("未开始") && upcoming.1.contains("2家，23个岗位")
                    && upcoming.1.contains("待公布"))
            let ended = try await app.getPage(operatorSession, "/job-fairs?status=ended")
            #expect(ended.1.contains("已结束：共1场") && ended.1.contains("早间零工对接会"))
            #expect(try await app.getPage(operatorSession, "/job-fairs?status=all").1.contains("全部：共4场"))
            let county = try await app.getPage(operatorSession, "/job-fairs?division=140830000000")
            #expect(county.1.contains("共2场") && !county.1.contains("全省民营企业招聘月"))
            #expect(try await app.getPage(operatorSession, "/job-fairs?division=140800000000&status=all").1.contains("共3场"))
            let food = try await app.getPage(operatorSession, "/job-fairs?q=%E9%A3%9F%E5%93%81") // 食品
            #expect(food.1.contains("共2场") && food.1.contains("2026年冬季农村劳动力专场招聘会") && food.1.contains("全省民营企业招聘月"))
            let both = try await app.getPage(operatorSession, "/job-fairs?q=%E9%A3%9F%E5%93%81%20%E5%85%A8%E7%9C%81") // 食品 全省
            #expect(both.1.contains("共1场") && both.1.contains("全省民营企业招聘月"))
            #expect(try await app.getPage(operatorSession, "/job-fairs?q=%25").1.contains("没有符合条件的招聘会"))

            let id = try await fairID(app, "2026年冬季农村劳动力专场招聘会")
            let page = try await app.getPage(operatorSession, "/job-fairs/\(id.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("山西某某食品有限公司（15个岗位）") && page.1.contains("0359-3021234")
                    && page.1.contains("2026年11月28日 09:00—12:00") && page.1.contains("芮城县"))
            #expect(!page.1.contains("取消招聘会") && !page.1.contains("/edit"))
            #expect(try await auditCount("job_fair.create", result: "success", on: app) == 4)
            // Each search with a keyword, a place or another period is audited (the place as the row's object); the
            // default list and a fair's page are not.
            #expect(try await auditedObjects("job_fair.search", on: app) == [
                AuditedObject(nil, "status=ended；1场"), AuditedObject(nil, "status=all；4场"), AuditedObject("140830000000", "2场"),
                AuditedObject("140800000000", "status=all；3场"), AuditedObject(nil, "q=食品；2场"), AuditedObject(nil, "q=食品 全省；1场"),
                AuditedObject(nil, "q=%；0场"),
            ])
        }
    }

    @Test("the status follows the clock: not started, under way, ended (and then out of the upcoming list)")
    func statusByClock() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            #expect(try await app.post(admin, "/job-fairs", jobFairFields(["start_date": "2026-11-25", "start_time": "10:30",
                                                                      "end_time": "11:00"])).0 == .seeOther)
            let id = try await fairID(app, "2026年冬季农村劳动力专场招聘会")
            func status() async throws -> String {
                let page = try await app.getPage(try await app.session(as: .villageOperator), "/job-fairs/\(id.uuidString.lowercased())").1
                return ["未开始", "进行中", "已结束"].first { page.contains("<span class=\"tag") && page.contains(">\($0)</span>") } ?? "?"
            }
            #expect(try await status() == "未开始")
            clock.advance(by: 45 * 60)
            #expect(try await status() == "进行中")
            clock.advance(by: 15 * 60)
            #expect(try await status() == "已结束")
            let list = try await app.getPage(try await app.session(as: .villageOperator), "/job-fairs")
            #expect(list.1.contains("共0场"))
        }
    }

    @Test("cancel: a reason is needed, the fair shows 已取消 with it, only once; an ended fair is not cancelled; edits are audited")
    func cancelAndEdit() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.expectNoticeRedirect("/job-fairs", as: admin, fields: jobFairFields())
            #expect(try await app.post(admin, "/job-fairs", jobFairFields(["title": "早间零工对接会", "start_date": "2026-11-25",
                                                                      "start_time": "08:00", "end_time": "09:30"])).0 == .seeOther)
            let id = try await fairID(app, "2026年冬季农村劳动力专场招聘会")
            let path = "/job-fairs/\(id.uuidString.lowercased())"
            let detail = try await app.getPage(admin, path)
            #expect(detail.1.contains("取消招聘会") && detail.1.contains("\(path)/edit"))

            let noReason = try await app.post(admin, "\(path)/cancel", [("reason", " ")])
            #expect(noReason.0 == .unprocessableEntity && noReason.1.contains("请填写取消原因"))
            #expect(try await JobFairRecord.find(id, on: app.db)?.cancelledAt == nil)
            try await app.expectNoticeRedirect("\(path)/cancel", as: admin, fields: [("reason", "场地临时维修，另行通知")])
            let cancelled = try await app.getPage(try await app.session(as: .villageOperator), path)
            #expect(cancelled.1.contains("已取消") && cancelled.1.contains("该招聘会已取消：场地临时维修，另行通知"))
            let again = try await app.post(admin, "\(path)/cancel", [("reason", "重复")])
            #expect(again.0 == .unprocessableEntity && again.1.contains("该招聘会已经取消"))
            #expect(try await app.getPage(admin, "/job-fairs?status=cancelled").1.contains("已取消：共1场"))
            let early = "/job-fairs/\(try await fairID(app, "早间零工对接会").uuidString.lowercased())"
            let late = try await app.post(admin, "\(early)/cancel", [("reason", "无")])
            #expect(late.0 == .unprocessableEntity && late.1.contains("该招聘会已结束，不能取消"))
            #expect(try await auditCount("job_fair.cancel", result: "success", on: app) == 1)

            // Edit: the form shows what was stored; a changed venue is saved and audited.
            let form = try await app.getPage(admin, "\(path)/edit")
            #expect(form.0 == .ok && form.1.contains("山西某某食品有限公司 15\n芮城县某某纺织有限公司 8") && form.1.contains("value=\"09:00\""))
            #expect(try await app.post(admin, early, jobFairFields(["title": "早间零工对接会", "start_date": "2026-11-25", "start_time": "08:00",
                                                                  "end_time": "09:30", "venue": "古魏镇便民服务中心"])).0 == .seeOther)
            #expect(try await JobFairRecord.query(on: app.db).filter(\.$venue == "古魏镇便民服务中心").count() == 1)
            #expect(try await auditCount("job_fair.update", result: "success", on: app) == 1)

            // The province's fair is not the county's to change; the province may change the county's.
            let province = try await app.session(as: .provinceBusinessAdmin)
            try await app.expectNoticeRedirect("/job-fairs", as: province, fields: jobFairFields(["title": "全省民营企业招聘月", "division": "140000000000"]))
            let provincial = "/job-fairs/\(try await fairID(app, "全省民营企业招聘月").uuidString.lowercased())"
            #expect(try await app.getPage(admin, "\(provincial)/edit").0 == .forbidden)
            #expect(try await app.post(admin, "\(provincial)/cancel", [("reason", "无")]).0 == .forbidden)
            #expect(!(try await app.getPage(admin, provincial).1.contains("取消招聘会")))
            #expect(try await app.getPage(province, "\(early)/edit").0 == .ok)
        }
    }

    @Test("bad input is refused field by field and nothing is written; only business admins publish; the auditor does not look")
    func refusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let bad = try await app.post(admin, "/job-fairs", jobFairFields([
                "title": "", "end_time": "08:30", "division": "140000000000", "contact_phone": "3021234", "audience": "<b>所有人</b>",
                "employers": "甲公司 0",
            ]))
            #expect(bad.0 == .unprocessableEntity)
            for message in ["请填写招聘会名称", "结束时间应晚于开始时间（2026年11月28日 09:00）", "举办单位所在区划应从列出的本辖区区划中选择",
                            "联系电话：固定电话须带区号，如0359-6021234", "服务对象不能包含“&lt;”“&gt;”符号", "参会单位第1行的岗位数应为1至9999"] {
                #expect(bad.1.contains(message), "\(message)")
            }
            #expect(bad.1.contains("value=\"&lt;b&gt;所有人&lt;/b&gt;\""))
            let long = try await app.post(admin, "/job-fairs", jobFairFields(["start_date": "2026-11-24", "end_date": "2026-12-01"]))
            #expect(long.0 == .unprocessableEntity && long.1.contains("开始日期不能早于今天（2026-11-25）") && long.1.contains("最长7天"))
            #expect(try await JobFairRecord.query(on: app.db).count() == 0)
            #expect(try await auditCount("job_fair.create", on: app) == 0)

            let operatorSession = try await app.session(as: .villageOperator)
            #expect(try await app.post(operatorSession, "/job-fairs", jobFairFields()).0 == .forbidden)
            #expect(try await app.getPage(operatorSession, "/job-fairs/new").0 == .forbidden)
            #expect(try await app.getPage(operatorSession, "/job-fairs").0 == .ok)
            #expect(try await app.getPage(try await app.session(as: .provinceAuditor), "/job-fairs").0 == .forbidden)
            #expect(try await JobFairRecord.query(on: app.db).count() == 0)
            let guide = try await app.getPage(operatorSession, "/services/items/14")
            #expect(guide.1.contains("href=\"/job-fairs\"") && guide.1.contains("查询招聘会信息"))
            let form = try await app.getPage(admin, "/job-fairs/new")
            #expect(form.0 == .ok && form.1.contains("multipart/form-data") && form.1.contains("<option value=\"140830000000\" selected"))
        }
    }

    @Test("200 employers of 50 characters fit the 64 KB form limit as the multipart form sends them")
    func longestList() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let name = String(repeating: "晋", count: 45)
            let employers = (1...200).map { "\(name)\(String(format: "%03d", $0))号 99" }.joined(separator: "\r\n")
            var form = MultipartForm()
            for (key, value) in jobFairFields(["employers": employers]) + [(SessionMiddleware.csrfField, admin.csrf)] { form.field(key, value) }
            let body = form.finished()
            #expect(body.readableBytes < BodyLimit.form.value)
            var status: HTTPStatus = .ok
            try await app.testing().test(.POST, "/job-fairs", headers: form.headers(admin), body: body) { res in status = res.status }
            #expect(status == .seeOther)
            let fair = try #require(try await JobFairRecord.query(on: app.db).first())
            #expect(fair.employerCount == 200 && fair.postCount == 19_800)
        }
    }
}
