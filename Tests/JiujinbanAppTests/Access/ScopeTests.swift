import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// A second county (平陆县) with one township and one village point, beside Ruicheng.
func addPingluCounty(_ app: Application) async throws -> UUID {
    let county = Division(code: "140829000000", name: "平陆县", shortName: "平陆县", level: .county, parentCode: "140800000000")
    let township = Division(code: "140829100000", name: "圣人涧镇", shortName: "圣人涧镇", level: .township, parentCode: "140829000000")
    let village = Division(code: "140829100201", name: "测试村委会", shortName: "测试村", level: .village, parentCode: "140829100000")
    for division in [county, township, village] { try await division.create(on: app.db) }
    let draft = ServicePointDraft(divisionCode: try DivisionCode("140829100201"), kind: .village, name: "平陆测试村服务点",
                                  institution: "测试村党群服务中心", address: "平陆县圣人涧镇测试村",
                                  coordinate: GeoCoordinate(longitude: 111.2, latitude: 34.84)!, farthestResidenceMeters: 800)
    let point = ServicePoint(code: "14082910020101", draft: draft)
    try await point.create(on: app.db)
    return try point.requireID()
}

@Suite("Data scope by division (S13)")
struct ScopeTests {
    @Test("a county's account never sees another county's point: view, edit, API, lists")
    func otherCounty() async throws {
        try await TestApp.run { app in
            let pinglu = try await addPingluCounty(app)
            let ruicheng = try await app.session(as: .countySystemAdmin)
            let id = pinglu.uuidString.lowercased()
            for path in ["/service-points/\(id)", "/service-points/\(id)/edit", "/divisions/140829000000", "/api/divisions/140829000000"] {
                try await app.testing().test(.GET, path, headers: ruicheng.headers) { res in
                    #expect(res.status == .notFound, "\(path)")
                    #expect(!res.body.string.contains("测试村党群服务中心"))
                }
            }
            try await app.testing().test(.POST, "/service-points/\(id)/disable", headers: ruicheng.formHeaders,
                                         body: ruicheng.form([("reason", "越权"), ("date", "")])) { res in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/service-points?scope=140829000000", headers: ruicheng.headers) { res in
                #expect(!res.body.string.contains("测试村党群服务中心"))
                #expect(res.body.string.contains("共 172 个服务点"))
            }
            try await app.testing().test(.GET, "/api/service-points?county=140829", headers: ruicheng.headers) { res in
                let foreign = try res.content.decode([APIController.ServicePointDTO].self)
                #expect(foreign.isEmpty)
            }
            // Creating a point in the other county is refused as an unknown division.
            let fields = [("division_code", "140829100201"), ("kind", "bank_branch"), ("name", "越权网点"), ("institution", "某银行"),
                          ("address", "某地"), ("longitude", "111.2"), ("latitude", "34.8"), ("farthest_km", "1")]
            try await app.testing().test(.POST, "/service-points", headers: ruicheng.formHeaders, body: ruicheng.form(fields)) { res in
                #expect(res.status == .unprocessableEntity)
            }
            // The province sees both counties.
            let province = try await app.session(as: .provinceSystemAdmin)
            try await app.testing().test(.GET, "/service-points/\(id)", headers: province.headers) { res in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("a village operator sees its own service point only")
    func ownPoint() async throws {
        try await TestApp.run { app in
            let operatorSession = try await app.session(as: .villageOperator)
            try await app.testing().test(.GET, "/service-points", headers: operatorSession.headers) { res in
                #expect(res.body.string.contains("共 1 个服务点"))
                #expect(res.body.string.contains("太安村党群服务中心"))
            }
            let neighbour = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100205").first())
            try await app.testing().test(.GET, "/service-points/\(try neighbour.requireID().uuidString.lowercased())",
                                         headers: operatorSession.headers) { res in
                #expect(res.status == .notFound)
            }
        }
    }
}
