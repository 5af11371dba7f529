import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// One person, several accounts (issue 19, finding 7; attachment 3 articles 3–5): every way an account comes into
/// being applies `PersonPosts` to the person's other accounts, inside the write; old conflicts are listed for the
/// county's monthly review.
@Suite("一人多岗 one person, several accounts")
struct PersonPostsTests {
    typealias F = ApplicationFixtures

    static let newcomerID = "140830199506150019"

    static func fields(_ member: (name: String, idNumber: String, phone: String), post: String, unit: String) -> [(String, String)] {
        [("name", member.name), ("id_number", member.idNumber), ("phone", member.phone), ("post", post), ("unit", unit)]
    }

    static func fields(_ role: DemoRole, post: String, unit: String) -> [(String, String)] {
        fields((role.member.name, role.member.idNumber, role.member.phone), post: post, unit: unit)
    }

    func pointKey(_ app: Application, division: String) async throws -> String {
        let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == division).first())
        return "sp:" + (try point.requireID().uuidString.lowercased())
    }

    func post(_ app: Application, _ session: TestSession, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/accounts", headers: session.formHeaders, body: session.form(fields)) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    /// Stores an account directly, as old data or another county's administrator would have left it.
    func storeAccount(_ app: Application, name: String, idNumber: String, phone: String, post: Post, unit: OrgUnit) async throws {
        let services = app.jiujinban
        let person = try await StaffRegistry.person(name: name, idNumber: idNumber, phone: phone, isDemo: false,
                                                    today: services.clock.today, cipher: services.cipher, on: app.db)
        try await AccountRecord(personID: person, post: post, unit: unit, createdAt: services.clock.now()).create(on: app.db)
    }

    func unit(_ app: Application, _ key: String) async throws -> OrgUnit {
        try #require(try await AccountQueries.unit(fromKey: key, on: app.db))
    }

    @Test("probe: an operator account for a person who is a county system admin is refused, nothing written, audited")
    func operatorForSystemAdmin() async throws {
        try await TestApp.run { app in
            // A second system administrator of the county (created by the province; stored directly here).
            try await storeAccount(app, name: "柳成荫", idNumber: Self.newcomerID, phone: "13903590099", post: .systemAdmin,
                                   unit: .department(try DivisionCode("140830000000")))
            let admin = try await app.session(as: .countySystemAdmin)
            let point = try await pointKey(app, division: "140830100205")
            let before = try await AccountRecord.query(on: app.db).count()
            let (status, body) = try await post(app, admin, Self.fields(("柳成荫", Self.newcomerID, "13903590099"),
                                                                        post: "operator", unit: point))
            #expect(status == .conflict, "\(body.prefix(300))")
            #expect(body.contains("芮城县人社部门系统管理员"))
            #expect(body.contains("不能兼任业务操作员"))
            // Everything typed is kept; the person's accounts are listed, ID masked.
            #expect(body.contains("value=\"柳成荫\"") && body.contains("value=\"13903590099\""))
            #expect(body.contains("此人已有的账号") && body.contains("140830********0019"))
            #expect(try await AccountRecord.query(on: app.db).count() == before)
            #expect(try await auditCount("account.create", result: "denied", on: app) == 1)
            #expect(try await auditCount("account.create", result: "success", on: app) == 0)
        }
    }

    @Test("probe: an auditor account for a person who is an operator is refused, nothing written, audited")
    func auditorForOperator() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await AccountRecord.query(on: app.db).count()
            let (status, body) = try await post(app, admin, Self.fields(.villageOperator, post: "auditor", unit: "dept:140830000000"))
            #expect(status == .conflict, "\(body.prefix(300))")
            #expect(body.contains("审计员") && body.contains("业务操作员") && body.contains("正常"))
            #expect(try await AccountRecord.query(on: app.db).count() == before)
            #expect(try await auditCount("account.create", result: "denied", on: app) == 1)
        }
    }

    @Test("a second handling account straight from the account page is refused with the way to the application form")
    func secondHandlingAccountDirectly() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let community = try await pointKey(app, division: "140830100019")
            let (status, body) = try await post(app, admin, Self.fields(.villageOperator, post: "operator", unit: community))
            #expect(status == .conflict)
            #expect(body.contains("用户申请（变更）单"))
        }
    }

    @Test("an application form grants one person handling accounts at two points")
    func twoPointsThroughTheForm() async throws {
        try await TestApp.run { app in
            let member = DemoRole.villageOperator.member
            let community = try await app.session(as: .communityOperator)
            let sysAdmin = try await app.session(as: .countySystemAdmin)
            let filed = try await app.fileApplication(community, F.contact() + F.newAccount(0, name: member.name,
                                                                                             idNumber: member.idNumber, phone: member.phone))
            let id = try #require(filed.1, "\(filed.0)")
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "decide", as: sysAdmin, fields: [("decision", "approve")])
            let carried = try await app.applicationStep(sysAdmin, id, "carry-out", [("part", "accounts")])
            #expect(carried.0 == .seeOther, "\(carried.1.prefix(300))")
            let index = app.jiujinban.cipher.blindIndex(member.idNumber, context: StaffCrypto.idNumberContext)
            let person = try #require(try await StaffPerson.query(on: app.db).filter(\.$idNumberIndex == index).first())
            let posts = try await AccountRecord.query(on: app.db).filter(\.$personID == person.requireID()).all().map(\.post)
            #expect(posts == ["operator", "operator"])
        }
    }

    @Test("an application's new account for an administrator is refused at carrying out (409), nothing created")
    func applicationForAdministrator() async throws {
        try await TestApp.run { app in
            let member = DemoRole.countyBusinessAdmin.member
            let village = try await app.session(as: .villageOperator)
            let sysAdmin = try await app.session(as: .countySystemAdmin)
            let id = try #require(try await app.fileApplication(village, F.contact() + F.newAccount(
                0, name: member.name, idNumber: member.idNumber, phone: member.phone)).1)
            // The county sees the conflict before it decides; the applicant (another unit's operator) does not.
            let path = "/account-applications/\(id.uuidString.lowercased())"
            let shown = try await app.getPage(sysAdmin, path)
            #expect(shown.1.contains("一人多岗") && shown.1.contains("第1项（吴海燕）：此人已有芮城县人社部门业务管理员账号（正常）"))
            #expect(!(try await app.getPage(village, path)).1.contains("此人已有"))
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "decide", as: sysAdmin, fields: [("decision", "approve")])
            let before = try await AccountRecord.query(on: app.db).count()
            let carried = try await app.applicationStep(sysAdmin, id, "carry-out", [("part", "accounts")])
            #expect(carried.0 == .conflict)
            #expect(carried.1.contains("业务管理员"))
            #expect(try await AccountRecord.query(on: app.db).count() == before)
            #expect(try await auditCount("account_application.carry_out_accounts", result: "denied", on: app) == 1)
        }
    }

    @Test("the form lists a known person's accounts when asked, without creating anything; audited")
    func lookUpThePerson() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await AccountRecord.query(on: app.db).count()
            let fields = [("name", ""), ("id_number", DemoRole.villageOperator.member.idNumber), ("phone", ""), ("post", ""),
                          ("unit", ""), ("action", "lookup")]
            let (status, body) = try await post(app, admin, fields)
            #expect(status == .ok, "\(body.prefix(300))")
            #expect(body.contains("此人已有的账号") && body.contains("褚卫东") && body.contains("业务操作员"))
            #expect(body.contains("140830********0661") && !body.contains(">140830198707190661<"))
            #expect(try await AccountRecord.query(on: app.db).count() == before)
            #expect(try await auditCount("account.person_lookup", on: app) == 1)
            // An unknown number says so.
            let unknown = try await post(app, admin, [("id_number", Self.newcomerID), ("action", "lookup")])
            #expect(unknown.0 == .ok && unknown.1.contains("此人尚无账号"))
        }
    }

    @Test("two creations for one new person at once: only one passes the check")
    func concurrentCreations() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let point = try await pointKey(app, division: "140830100205")
            let newcomer = ("新员工", Self.newcomerID, "13903590099")
            async let first = post(app, admin, Self.fields(newcomer, post: "operator", unit: point))
            async let second = post(app, admin, Self.fields(newcomer, post: "auditor", unit: "dept:140830000000"))
            let statuses = [try await first.0, try await second.0]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let index = app.jiujinban.cipher.blindIndex(Self.newcomerID, context: StaffCrypto.idNumberContext)
            let person = try #require(try await StaffPerson.query(on: app.db).filter(\.$idNumberIndex == index).first())
            #expect(try await AccountRecord.query(on: app.db).filter(\.$personID == person.requireID()).count() == 1)
        }
    }

    @Test("two creations for one known person at once: the person's row is locked, only one passes", arguments: 0..<3)
    func concurrentCreationsForAKnownPerson(round: Int) async throws {
        try await TestApp.run { app in
            // A person whose only account was deactivated: each creation alone is allowed, the two together are not.
            let idNumber = TestIdentity.idNumber(birth: "19900101", sequence: 200 + round)
            let point = try await pointKey(app, division: "140830100205")
            try await storeAccount(app, name: "旧员工", idNumber: idNumber, phone: "13903590098", post: .operator,
                                   unit: try await unit(app, point))
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE staff_accounts SET status = 'deactivated' WHERE post = 'operator' AND unit_key = \(bind: point)").run()
            let admin = try await app.session(as: .countySystemAdmin)
            let person = ("旧员工", idNumber, "13903590098")
            async let first = post(app, admin, Self.fields(person, post: "operator", unit: try await pointKey(app, division: "140830100204")))
            async let second = post(app, admin, Self.fields(person, post: "auditor", unit: "dept:140830000000"))
            let statuses = [try await first.0, try await second.0]
            #expect(statuses.sorted { $0.code < $1.code } == [.seeOther, .conflict], "\(statuses)")
        }
    }

    @Test("the monthly review lists an old conflicting pair for the county to resolve; nothing is deleted")
    func reviewListsOldConflicts() async throws {
        try await TestApp.run { app in
            let member = DemoRole.countySystemAdmin.member
            // Old data: the county system admin also holds an operator account.
            try await storeAccount(app, name: member.name, idNumber: member.idNumber, phone: member.phone, post: .operator,
                                   unit: try await unit(app, try await pointKey(app, division: "140830100205")))
            let before = try await AccountRecord.query(on: app.db).count()
            let reviewer = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(reviewer, "/accounts/review")
            #expect(page.0 == .ok)
            #expect(page.1.contains("一人多岗冲突（1）"), "\(page.1.prefix(2000))")
            #expect(page.1.contains(member.name) && page.1.contains("系统管理员") && page.1.contains("不能兼任业务操作员"))
            #expect(try await AccountRecord.query(on: app.db).count() == before)
        }
    }

    @Test("bootstrap-admin refuses a person who already holds an account")
    func bootstrapChecksThePerson() async throws {
        try await TestApp.run(demo: false) { app in
            try await Division(code: "140000000000", name: "山西省", shortName: "山西省", level: .province, parentCode: nil).create(on: app.db)
            try await Division(code: "140100000000", name: "太原市", shortName: "太原市", level: .city, parentCode: "140000000000")
                .create(on: app.db)
            // An auditor of a city department (another unit than the province department).
            try await storeAccount(app, name: "钱丽娟", idNumber: "140100198005210422", phone: "13903590002", post: .auditor,
                                   unit: .department(try DivisionCode("140100000000")))
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                "jiujinban", "--name", "钱丽娟", "--id-number", "140100198005210422", "--phone", "13903590002"]))
            context.application = app
            await #expect(throws: PublicError.self) { try await BootstrapAdminCommand().run(using: &context) }
            let posts = try await AccountRecord.query(on: app.db).all().map(\.post)
            #expect(posts == ["auditor"])
        }
    }
}
