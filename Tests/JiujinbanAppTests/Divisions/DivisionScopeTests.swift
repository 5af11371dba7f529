import Fluent
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import VaporTesting

/// Issue 19, finding 1: adding a division from the web stays inside the account's own subtree, one level below an
/// existing parent, and never creates a root.
@Suite("Adding a division: only under an existing parent inside one's own subtree, never a root")
struct DivisionScopeTests {
    /// Posts the form and answers the status, the page and whether the code got stored.
    func post(_ app: Application, as role: DemoRole, _ fields: [(String, String)]) async throws -> (HTTPStatus, String, Bool) {
        let session = try await app.session(as: role)
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/divisions", headers: session.formHeaders, body: session.form(fields)) { res in
            result = (res.status, res.text)
        }
        let code = fields.first { $0.0 == "code" }?.1 ?? ""
        return (result.0, result.1, try await Division.find(code, on: app.db) != nil)
    }

    @Test("the probe: a county system admin posting a province with an empty parent is refused (403), audited, nothing written")
    func probe() async throws {
        try await TestApp.run { app in
            let before = try await Division.query(on: app.db).count()
            let (status, page, stored) = try await post(app, as: .countySystemAdmin, [
                ("parent_code", ""), ("level", "province"), ("code", "150000000000"), ("name", "内蒙古自治区"),
            ])
            #expect(status == .forbidden)
            #expect(!stored)
            #expect(page.contains("省级区划只能由 jiujinban divisions import 导入"))
            #expect(page.contains("href=\"#parent_code\""))
            #expect(try await Division.query(on: app.db).count() == before)
            #expect(try await auditCount("division.create", result: "success", on: app) == 0)
            #expect(try await auditCount("division.create", result: "denied", on: app) == 1)
        }
    }

    @Test("the province system admin cannot create a second root either, with or without a parent")
    func noSecondRoot() async throws {
        try await TestApp.run { app in
            let withoutParent = try await post(app, as: .provinceSystemAdmin, [
                ("parent_code", ""), ("level", "province"), ("code", "150000000000"), ("name", "内蒙古自治区"),
            ])
            #expect(withoutParent.0 == .forbidden && !withoutParent.2)
            // A root of another level: a city with no parent.
            let orphanCity = try await post(app, as: .provinceSystemAdmin, [
                ("parent_code", ""), ("level", "city"), ("code", "150100000000"), ("name", "呼和浩特市"),
            ])
            #expect(orphanCity.0 == .forbidden && !orphanCity.2)
            #expect(orphanCity.1.contains("网页上不能新增没有上级的区划"))
            #expect(try await Division.query(on: app.db).filter(\.$parentCode == nil).count() == 1)
            #expect(try await auditCount("division.create", result: "denied", on: app) == 2)
        }
    }

    @Test("a county system admin cannot add outside its county, and is not told whether the parent exists")
    func outsideCounty() async throws {
        try await TestApp.run { app in
            // A city under the province: the parent exists but is above the county.
            let city = try await post(app, as: .countySystemAdmin, [
                ("parent_code", "140000000000"), ("level", "city"), ("code", "140900000000"), ("name", "忻州市"),
            ])
            #expect(city.0 == .forbidden && !city.2)
            #expect(city.1.contains("不在您的管辖范围内"))
            // A township in a neighbouring county that does not exist: refused the same way, not "不存在".
            let neighbour = try await post(app, as: .countySystemAdmin, [
                ("parent_code", "140831000000"), ("level", "township"), ("code", "140831100000"), ("name", "某镇"),
            ])
            #expect(neighbour.0 == .forbidden && !neighbour.2)
            #expect(!neighbour.1.contains("不存在"))
            #expect(try await auditCount("division.create", result: "denied", on: app) == 2)
        }
    }

    @Test("a county system admin adds a township in its county; the province system admin a county in its province")
    func insideScope() async throws {
        try await TestApp.run { app in
            let township = try await post(app, as: .countySystemAdmin, [
                ("parent_code", "140830000000"), ("level", "township"), ("code", "140830108000"), ("name", "测试镇"),
            ])
            #expect(township.0 == .seeOther && township.2)
            let county = try await post(app, as: .provinceSystemAdmin, [
                ("parent_code", "140800000000"), ("level", "county"), ("code", "140831000000"), ("name", "测试县"),
            ])
            #expect(county.0 == .seeOther && county.2)
            #expect(try await auditCount("division.create", result: "success", on: app) == 2)
        }
    }

    @Test("inside the scope, a level that does not follow the parent's is bad input (422), audited as failed")
    func wrongLevel() async throws {
        try await TestApp.run { app in
            let village = try await post(app, as: .countySystemAdmin, [
                ("parent_code", "140830000000"), ("level", "village"), ("code", "140830000201"), ("name", "某村"),
            ])
            #expect(village.0 == .unprocessableEntity && !village.2)
            #expect(village.1.contains("行政村的上级应为乡镇（街道），所选区划是县（市、区）"))
            #expect(try await auditCount("division.create", result: "failed", on: app) == 1)
        }
    }
}
