import Foundation
import JiujinbanRules
import Testing

private typealias Codes = AccountFixture.Codes
private typealias Units = AccountFixture.Units

@Suite("岗位和单位 posts and units")
struct OrgUnitTests {
    @Test("posts are stored by their raw values and shown in Chinese", arguments: [
        (Post.systemAdmin, "system_admin", "系统管理员"),
        (.businessAdmin, "business_admin", "业务管理员"),
        (.operator, "operator", "业务操作员"),
        (.reviewer, "reviewer", "业务审核员"),
        (.expert, "expert", "业务骨干"),
        (.taskForce, "task_force", "省工作专班成员"),
        (.cityOfficer, "city_officer", "市级人社工作人员"),
        (.auditor, "auditor", "审计员"),
    ] as [(Post, String, String)])
    func posts(post: Post, raw: String, label: String) {
        #expect(post.rawValue == raw)
        #expect(Post(rawValue: raw) == post)
        #expect(post.label == label)
    }

    @Test func everyPostIsListed() {
        #expect(Post.allCases.count == 8)
        #expect(Post.allCases.filter(\.isAdministrator) == [.systemAdmin, .businessAdmin])
    }

    @Test("business areas of experts", arguments: [
        (BusinessArea.job, "job", "找工作"), (.skill, "skill", "学技能"), (.insurance, "insurance", "办社保"),
        (.card, "card", "办社保卡"), (.account, "account", "账号"), (.other, "other", "其他"),
    ] as [(BusinessArea, String, String)])
    func areas(area: BusinessArea, raw: String, label: String) {
        #expect(area.rawValue == raw)
        #expect(area.label == label)
    }

    @Test("a unit's level comes from its division code and kind", arguments: [
        (Units.province, OrgUnit.Level?.some(.provinceDepartment)),
        (Units.yuncheng, .cityDepartment),
        (Units.ruicheng, .countyDepartment),
        (Units.guweiCentre, .servicePoint),
        (Units.taianVillage, .servicePoint),
        (Units.dongguanCommunity, .servicePoint),
        (Units.guweiBank, .servicePoint),
        (Units.townshipDepartment, nil),
        (Units.misplacedVillagePoint, nil),
        (.servicePoint(id: AccountFixture.id(907), kind: .bankBranch, divisionCode: Codes.ruicheng), nil),
        (.servicePoint(id: AccountFixture.id(908), kind: .community, divisionCode: Codes.taian), nil),
    ] as [(OrgUnit, OrgUnit.Level?)])
    func levels(unit: OrgUnit, level: OrgUnit.Level?) {
        #expect(unit.level == level)
    }

    @Test func ancestors() {
        #expect(Units.taianVillage.province == Codes.shanxi)
        #expect(Units.taianVillage.city == Codes.yuncheng)
        #expect(Units.taianVillage.county == Codes.ruicheng)
        #expect(Units.ruicheng.county == Codes.ruicheng)
        #expect(Units.yuncheng.city == Codes.yuncheng)
        #expect(Units.yuncheng.county == nil)
        #expect(Units.province.city == nil)
        #expect(Units.province.province == Codes.shanxi)
        #expect(Units.yongjiCentre.county == Codes.yongji)
    }

    @Test func labels() {
        #expect(Units.ruicheng.label == "县级人社部门")
        #expect(Units.province.label == "省级人社部门")
        #expect(Units.guweiBank.label == "合作银行网点")
        #expect(Units.taianVillage.servicePointKind == .village)
        #expect(Units.ruicheng.servicePointKind == nil)
    }

    @Test("a department sees its subtree and nothing beside it")
    func departmentScope() {
        let scope = Units.ruicheng.scope
        #expect(scope == .subtree(Codes.ruicheng))
        #expect(scope.covers(divisionCode: Codes.ruicheng))
        #expect(scope.covers(divisionCode: Codes.taian))
        #expect(!scope.covers(divisionCode: Codes.yongji))
        #expect(!scope.covers(divisionCode: Codes.yuncheng))
        #expect(scope.covers(servicePoint: AccountFixture.id(902), in: Codes.taian))
        #expect(!scope.covers(servicePoint: AccountFixture.id(905), in: Codes.yongjiTown))
        #expect(Units.province.scope.covers(divisionCode: Codes.yongjiTown))
        #expect(!Units.yuncheng.scope.covers(divisionCode: Codes.xiaodian))
    }

    @Test("a service point sees only its own point")
    func servicePointScope() {
        let scope = Units.taianVillage.scope
        #expect(scope == .servicePoint(AccountFixture.id(902), within: Codes.taian))
        #expect(scope.covers(servicePoint: AccountFixture.id(902), in: Codes.taian))
        #expect(!scope.covers(servicePoint: AccountFixture.id(901), in: Codes.guwei))
        #expect(!scope.covers(servicePoint: AccountFixture.id(902), in: Codes.guwei))
        #expect(!scope.covers(divisionCode: Codes.taian))
    }

    @Test func sameUnit() {
        let recorrected = OrgUnit.servicePoint(id: AccountFixture.id(902), kind: .bankBranch, divisionCode: Codes.taian)
        #expect(Units.taianVillage.isSameUnit(as: recorrected))
        #expect(!Units.taianVillage.isSameUnit(as: Units.guweiCentre))
        #expect(Units.ruicheng.isSameUnit(as: .department(Codes.ruicheng)))
        #expect(!Units.ruicheng.isSameUnit(as: Units.yongji))
        #expect(!Units.guweiCentre.isSameUnit(as: Units.townshipDepartment))
    }
}

/// Which posts each level of unit may hold, by hand: one row per post, columns province, city, county departments
/// and service point.
private let placementGrid: [(Post, String)] = [
    (.systemAdmin, "x . x ."),
    (.businessAdmin, "x . x ."),
    (.operator, ". . . x"),
    (.reviewer, ". . x ."),
    (.expert, ". . x ."),
    (.taskForce, "x . . ."),
    (.cityOfficer, ". x . ."),
    (.auditor, "x x x ."),
]

private let placementCells: [(Post, OrgUnit, Bool)] = {
    let columns = [Units.province, Units.yuncheng, Units.ruicheng, Units.taianVillage]
    return placementGrid.flatMap { post, row in
        zip(columns, row.split(separator: " ")).map { (post, $0.0, $0.1 == "x") }
    }
}()

@Suite("岗位设置 which posts a unit may hold")
struct PostPlacementTests {
    @Test("the grid covers every post")
    func gridIsComplete() {
        #expect(placementGrid.map(\.0) == Post.allCases)
        #expect(placementCells.count == Post.allCases.count * 4)
    }

    @Test("post × unit level", arguments: placementCells)
    func placement(post: Post, unit: OrgUnit, allowed: Bool) throws {
        let decision = unit.mayHold(post)
        #expect(decision.isAllowed == allowed)
        if !allowed {
            let refusal = try #require(decision.refusal)
            #expect(refusal == .postNotAllowedAtUnit(post, try #require(unit.level)))
            #expect(refusal.message.contains(post.placementRule))
        }
    }

    @Test("every kind of service point may hold operators", arguments: [
        Units.guweiCentre, Units.taianVillage, Units.dongguanCommunity, Units.guweiBank,
    ])
    func operatorsAtEveryKind(unit: OrgUnit) {
        #expect(unit.mayHold(.operator).isAllowed)
    }

    @Test("a malformed unit holds nothing", arguments: Post.allCases)
    func malformed(post: Post) {
        #expect(Units.townshipDepartment.mayHold(post) == .refused(.malformedUnit))
        #expect(Units.misplacedVillagePoint.mayHold(post) == .refused(.malformedUnit))
    }

    @Test func message() {
        #expect(Units.yuncheng.mayHold(.systemAdmin).refusal?.message == "市级人社部门不能设系统管理员：系统管理员只能设在省级或县级人社部门")
    }
}
