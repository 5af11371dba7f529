import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import VaporTesting

@Suite("Service points: list, detail, create, edit, disable")
struct ServicePointTests {
    static let goodFields: [(String, String)] = [
        ("division_code", "140830100000"), ("kind", "bank_branch"), ("name", "农商银行古魏支行服务点"),
        ("institution", "山西芮城农村商业银行古魏支行"), ("address", "芮城县古魏镇永乐北街12号"),
        ("longitude", "110°41′36″"), ("latitude", "34.6919"), ("farthest_km", "2.5"),
    ]

    static func replacing(_ field: String, with value: String) -> [(String, String)] {
        goodFields.map { $0.0 == field ? ($0.0, value) : $0 }
    }

    @Test("creating a point: saved with decimal degrees, shown in degrees-minutes-seconds")
    func create() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            var location = ""
            location = try #require(try await app.expectNoticeRedirect("/service-points", as: admin, fields: Self.goodFields)).location
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$code == "14083010000003").first())
            #expect(point.code == "14083010000003")
            #expect(abs(point.longitude - (110 + 41.0 / 60 + 36.0 / 3600)) < 1e-9)
            #expect(point.farthestResidenceMeters == 2500)
            #expect(point.coordinatesAreDemo == false)
            #expect(location == "/service-points/\(point.id!.uuidString.lowercased())")
            try await app.testing().test(.GET, location, headers: admin.headers) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("东经 110°41′36″"))
                #expect(res.text.contains("北纬 34°41′31″"))
                #expect(res.text.contains("2.5 公里"))
            }
        }
    }

    @Test("bad service-point input: 422, the field named, nothing written", arguments: [
        ("name", "", "请填写服务点名称"),
        ("name", String(repeating: "点", count: 51), "服务点名称不能超过50个字"),
        ("institution", "   ", "请填写服务点所属机构名称"),
        ("longitude", "72.9", "经度应在73°至136°之间"),
        ("longitude", "136.5", "经度应在73°至136°之间"),
        ("latitude", "2.99", "纬度应在3°至54°之间"),
        ("latitude", "54.01", "纬度应在3°至54°之间"),
        ("longitude", "东经一百一十度", "经度格式不正确"),
        ("farthest_km", "-0.5", "不能为负数"),
        ("farthest_km", "abc", "应为公里数"),
        ("division_code", "140830999999", "不存在"),
        ("division_code", "12345", "12位数字"),
        ("kind", "village", "行政村服务点不能设在乡镇（街道）一级"),
        ("kind", "castle", "请选择服务点类型"),
    ])
    func badInput(field: String, value: String, message: String) async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await ServicePoint.query(on: app.db).count()
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders,
                                         body: admin.form(Self.replacing(field, with: value))) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains(message))
                #expect(res.text.contains("href=\"#\(field)\""))
                #expect(res.text.contains("未保存任何数据"))
            }
            let counted = try await ServicePoint.query(on: app.db).count()
            #expect(counted == before)
        }
    }

    @Test("a township, village or community has one service point of its own kind; bank branches may be several")
    func onePointPerDivision() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let second = Self.replacing("kind", with: "township_centre")
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(second)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("古魏镇已有乡镇（街道）服务点"))
            }
            for _ in 0..<2 {
                try await app.expectNoticeRedirect("/service-points", as: admin, fields: Self.goodFields)
            }
            let branches = try await ServicePoint.query(on: app.db).filter(\.$kind == "bank_branch").all().map(\.code)
            #expect(branches.sorted() == ["14083010000002", "14083010000003", "14083010000004"])
        }
    }

    @Test("several problems are all reported at once")
    func everyProblemAtOnce() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let fields = [("division_code", ""), ("kind", ""), ("name", ""), ("institution", ""), ("address", ""),
                          ("longitude", ""), ("latitude", ""), ("farthest_km", "")]
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(fields)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("修改以下8处问题"))
            }
        }
    }

    @Test("editing keeps the code; typing new coordinates clears the demonstration mark; bad edits change nothing")
    func edit() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100019").first())
            #expect(point.coordinatesAreDemo)
            let path = "/service-points/\(point.id!.uuidString.lowercased())"
            var fields = point.summary(names: [:]).formFields
            fields = fields.map { $0.0 == "address" ? ($0.0, "芮城县古魏镇令花社区新址1号") : $0 }
            fields = fields.map { $0.0 == "longitude" ? ($0.0, "110.7001") : $0 }
            try await app.expectNoticeRedirect(path, as: admin, fields: fields)
            let edited = try #require(try await ServicePoint.find(point.id, on: app.db))
            #expect(edited.address == "芮城县古魏镇令花社区新址1号")
            #expect(edited.code == point.code)
            #expect(edited.coordinatesAreDemo == false)

            let bad = fields.map { $0.0 == "latitude" ? ($0.0, "99") : $0 }
            try await app.testing().test(.POST, path, headers: admin.formHeaders, body: admin.form(bad)) { res in
                #expect(res.status == .unprocessableEntity)
            }
            let latitudeAfterBadEdit = try await ServicePoint.find(point.id, on: app.db)?.latitude
            #expect(latitudeAfterBadEdit == edited.latitude)
        }
    }

    @Test("disabling needs a reason and a date not in the future; enabling restores the point")
    func disableAndEnable() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204").first())
            let base = "/service-points/\(point.id!.uuidString.lowercased())"
            try await app.testing().test(.POST, base + "/disable", headers: admin.formHeaders, body: admin.form([("reason", ""), ("date", "")])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("请填写停用原因"))
            }
            try await app.testing().test(.POST, base + "/disable", headers: admin.formHeaders,
                                         body: admin.form([("reason", "村委会搬迁"), ("date", "2026-11-26")])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("停用日期不能晚于今天（2026-11-25）"))
                // What was typed comes back: the reason, and the date as entered rather than today.
                #expect(res.text.contains(#"value="村委会搬迁""#) && res.text.contains(#"value="2026-11-26""#))
            }
            let statusAfterRefusals = try await ServicePoint.find(point.id, on: app.db)?.status
            #expect(statusAfterRefusals == "active")
            try await app.expectNoticeRedirect(base + "/disable", as: admin, fields: [("reason", "村委会搬迁"), ("date", "")])
            let disabled = try #require(try await ServicePoint.find(point.id, on: app.db))
            #expect(disabled.status == "disabled")
            #expect(disabled.disabledReason == "村委会搬迁")
            #expect(disabled.disabledOn == "2026-11-25")
            try await app.testing().test(.GET, "/service-points?status=disabled", headers: admin.headers) { res in
                #expect(res.text.contains("共 1 个服务点"))
            }
            try await app.expectNoticeRedirect(base + "/enable", as: admin, fields: [])
            let statusAfterEnable = try await ServicePoint.find(point.id, on: app.db)?.status
            #expect(statusAfterEnable == "active")
        }
    }

    @Test("the list filters by township and kind and pages by 50")
    func listFilters() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/service-points", headers: admin.headers) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("共 172 个服务点，第 1/4 页"))
            }
            try await app.testing().test(.GET, "/service-points?township=140830101000&kind=village", headers: admin.headers) { res in
                #expect(res.text.contains("共 34 个服务点"))
            }
            try await app.testing().test(.GET, "/service-points?township=140830100000&kind=community", headers: admin.headers) { res in
                #expect(res.text.contains("共 13 个服务点"))
                #expect(res.text.contains("令花社区党群服务中心"))
            }
            try await app.testing().test(.GET, "/service-points?page=4", headers: admin.headers) { res in
                #expect(res.text.contains("第 4/4 页"))
            }
        }
    }

    @Test("an unknown or malformed point id is a Chinese 404 page")
    func missing() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            for path in ["/service-points/\(UUID().uuidString)", "/service-points/not-a-uuid"] {
                try await app.testing().test(.GET, path, headers: admin.headers) { res in
                    #expect(res.status == .notFound)
                    #expect(res.text.contains("该服务点不存在或您无权查看"))
                }
            }
        }
    }
}

extension ServicePointSummary {
    var formFields: [(String, String)] {
        let form = self.form
        return [("division_code", form.divisionCode ?? ""), ("kind", form.kind ?? ""), ("name", form.name ?? ""),
                ("institution", form.institution ?? ""), ("address", form.address ?? ""),
                ("longitude", form.longitude ?? ""), ("latitude", form.latitude ?? ""), ("farthest_km", form.farthestKm ?? "")]
    }
}
