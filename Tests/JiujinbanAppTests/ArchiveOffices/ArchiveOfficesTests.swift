import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("档案存放机构 (item 15): kept by business admins, looked up by every post that serves")
struct ArchiveOfficesAppTests {
    func fields(_ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("name", "芮城县人才交流服务中心"), ("division", "140830000000"), ("address", "芮城县古魏镇永乐南街"),
            ("contact_phone", "0359 3021234"), ("hours", "周一至周五 8:00—12:00，14:30—17:30"),
            ("scope", "户籍在本县的流动人员\r\n在本县就业、未落实工作单位的高校毕业生"),
        ]
        for (key, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        return fields
    }

    @Test("entered, listed by division, found by a word of the custody scope, shown in full, edited; every write audited")
    func enterSearchEdit() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.expectNoticeRedirect("/archive-offices", as: admin, fields: fields())
            let province = try await app.session(as: .provinceBusinessAdmin)
            #expect(try await app.post(province, "/archive-offices", fields([
                "name": "运城市人才服务中心", "division": "140800000000", "address": "运城市盐湖区河东东街",
                "scope": "在市直单位工作过的流动人员", "contact_phone": "13903590123",
            ])).0 == .seeOther)

            let operatorSession = try await app.session(as: .villageOperator)
            let all = try await app.getPage(operatorSession, "/archive-offices")
            #expect(all.0 == .ok && all.1.contains("共2个机构") && !all.1.contains("录入档案存放机构"))
            let city = try #require(all.1.range(of: "运城市人才服务中心")), county = try #require(all.1.range(of: "芮城县人才交流服务中心"))
            #expect(city.lowerBound < county.lowerBound) // by division: the city before its county
            let graduates = try await app.getPage(operatorSession, "/archive-offices?q=%E9%AB%98%E6%A0%A1%E6%AF%95%E4%B8%9A%E7%94%9F") // 高校毕业生
            #expect(graduates.1.contains("共1个机构") && graduates.1.contains("芮城县人才交流服务中心"))
            let inCounty = try await app.getPage(operatorSession, "/archive-offices?division=140830000000")
            #expect(inCounty.1.contains("共1个机构") && !inCounty.1.contains("运城市人才服务中心"))
            #expect(try await app.getPage(operatorSession, "/archive-offices?q=_").1.contains("没有符合条件的档案存放机构"))

            let office = try #require(try await ArchiveOfficeRecord.query(on: app.db).filter(\.$name == "芮城县人才交流服务中心").first())
            let path = "/archive-offices/\(try office.requireID().uuidString.lowercased())"
            let page = try await app.getPage(operatorSession, path)
            #expect(page.0 == .ok && page.1.contains("0359-3021234") && page.1.contains("<p>在本县就业、未落实工作单位的高校毕业生</p>")
                    && !page.1.contains("\(path)/edit"))

            let form = try await app.getPage(admin, "\(path)/edit")
            #expect(form.0 == .ok && form.1.contains("value=\"0359-3021234\""))
            try await app.expectNoticeRedirect(path, as: admin, fields: fields(["hours": "周一至周六 8:30—17:30"]))
            #expect(try await ArchiveOfficeRecord.find(office.id, on: app.db)?.hours == "周一至周六 8:30—17:30")
            // The city's office is not the county's to change.
            let cityOffice = try #require(try await ArchiveOfficeRecord.query(on: app.db).filter(\.$name == "运城市人才服务中心").first())
            #expect(try await app.post(admin, "/archive-offices/\(try cityOffice.requireID().uuidString.lowercased())", fields()).0 == .forbidden)
            #expect(try await auditCount("archive_office.create", result: "success", on: app) == 2)
            #expect(try await auditCount("archive_office.update", result: "success", on: app) == 1)
            // Searches by keyword or place are audited (the place as the row's object); browsing the list is not.
            #expect(try await auditedObjects("archive_office.search", on: app) == [
                AuditedObject(nil, "q=高校毕业生；1个"), AuditedObject("140830000000", "1个"), AuditedObject(nil, "q=_；0个"),
            ])
        }
    }

    @Test("bad input is refused field by field and nothing is written; only business admins enter; the auditor does not look")
    func refusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let bad = try await app.post(admin, "/archive-offices", fields(["name": "", "division": "140800000000", "contact_phone": "0359-12",
                                                                          "hours": "", "scope": " "]))
            #expect(bad.0 == .unprocessableEntity)
            for message in ["请填写机构名称", "所在区划应从列出的本辖区区划中选择", "联系电话：固定电话号码应为区号后7至8位数字，如0359-6021234",
                            "请填写办公时间", "请填写存档范围", "提交未成功，请修改以下5处问题"] {
                #expect(bad.1.contains(message), "\(message)")
            }
            #expect(try await ArchiveOfficeRecord.query(on: app.db).count() == 0)
            #expect(try await auditCount("archive_office.create", on: app) == 0)

            let operatorSession = try await app.session(as: .villageOperator)
            #expect(try await app.post(operatorSession, "/archive-offices", fields()).0 == .forbidden)
            #expect(try await app.getPage(operatorSession, "/archive-offices/new").0 == .forbidden)
            #expect(try await app.getPage(try await app.session(as: .provinceAuditor), "/archive-offices").0 == .forbidden)
            #expect(try await ArchiveOfficeRecord.query(on: app.db).count() == 0)
            let guide = try await app.getPage(operatorSession, "/services/items/15")
            #expect(guide.1.contains("href=\"/archive-offices\"") && guide.1.contains("查询档案存放机构"))
            let empty = try await app.getPage(operatorSession, "/archive-offices")
            #expect(empty.1.contains("尚未录入档案存放机构"))
        }
    }
}
