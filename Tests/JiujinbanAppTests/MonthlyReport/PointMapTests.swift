import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("服务点分布图 page")
struct PointMapTests {
    @Test("the county's map: every point, coverage figures, township filter, scope")
    func countyMap() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(admin, "/reports/map")
            #expect(page.0 == .ok && page.1.contains("<svg") && page.1.contains("芮城县服务点分布图"))
            #expect(page.1.contains("服务点171个") && page.1.contains("行政村（社区）覆盖率：100.0%（161/161）"))
            #expect(page.1.contains("每万人服务点数：4.99"))
            let township = try await app.getPage(admin, "/reports/map?county=140830000000&township=140830100000")
            #expect(township.1.contains("服务点29个") && township.1.contains("（28/28）"))
            #expect(!township.1.contains("风陵渡镇综合便民服务中心"))
            #expect(try await app.getPage(admin, "/reports/map?county=140829000000").0 == .notFound)
            // The province chooses a county first.
            let province = try await app.getPage(try await app.session(as: .taskForce), "/reports/map")
            #expect(province.0 == .ok && province.1.contains("请选择县") && province.1.contains("芮城县"))
        }
    }
}
