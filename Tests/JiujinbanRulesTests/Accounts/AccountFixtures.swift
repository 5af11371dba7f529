import Foundation
import JiujinbanRules

/// Shared values of the account tests; each test file aliases the parts it uses.
enum AccountFixture {
    /// A fixed id: `00000000-0000-0000-0000-00000000000n`.
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    private static func code(_ value: String) -> DivisionCode { try! DivisionCode(value) }

    /// Divisions of the fixtures: Ruicheng and Yongji are two counties of Yuncheng; Xiaodian is a county of Taiyuan.
    enum Codes {
        static let shanxi = code("140000000000")
        static let yuncheng = code("140800000000")
        static let taiyuan = code("140100000000")
        static let ruicheng = code("140830000000")
        static let yongji = code("140881000000")
        static let xiaodian = code("140105000000")
        /// 古魏镇, a township of Ruicheng
        static let guwei = code("140830100000")
        /// 太安村, a village of Guwei
        static let taian = code("140830100204")
        /// 东关社区, a community of Guwei
        static let dongguan = code("140830100008")
        /// a township of Yongji
        static let yongjiTown = code("140881100000")
    }

    enum Units {
        static let province = OrgUnit.department(Codes.shanxi)
        static let yuncheng = OrgUnit.department(Codes.yuncheng)
        static let taiyuan = OrgUnit.department(Codes.taiyuan)
        static let ruicheng = OrgUnit.department(Codes.ruicheng)
        static let yongji = OrgUnit.department(Codes.yongji)
        static let xiaodian = OrgUnit.department(Codes.xiaodian)
        static let guweiCentre = OrgUnit.servicePoint(id: id(901), kind: .townshipCentre, divisionCode: Codes.guwei)
        static let taianVillage = OrgUnit.servicePoint(id: id(902), kind: .village, divisionCode: Codes.taian)
        static let dongguanCommunity = OrgUnit.servicePoint(id: id(903), kind: .community, divisionCode: Codes.dongguan)
        static let guweiBank = OrgUnit.servicePoint(id: id(904), kind: .bankBranch, divisionCode: Codes.guwei)
        static let yongjiCentre = OrgUnit.servicePoint(id: id(905), kind: .townshipCentre, divisionCode: Codes.yongjiTown)
        /// A department on a township code: there is no such HR department.
        static let townshipDepartment = OrgUnit.department(Codes.guwei)
        /// A village point placed on a township code.
        static let misplacedVillagePoint = OrgUnit.servicePoint(id: id(906), kind: .village, divisionCode: Codes.guwei)
    }

    /// Account `n` (person `10000 + n` unless given).
    static func staff(
        _ post: Post, at unit: OrgUnit, _ n: Int, status: AccountStatus = .active, person: Int? = nil
    ) -> StaffAccount {
        StaffAccount(id: id(n), personID: id(person ?? 10_000 + n), post: post, unit: unit, status: status)
    }

    /// The cast: one account for every post, in Ruicheng and around it.
    enum Staff {
        static let provinceSystemAdmin = staff(.systemAdmin, at: Units.province, 1)
        static let provinceBusinessAdmin = staff(.businessAdmin, at: Units.province, 2)
        static let ruichengSystemAdmin = staff(.systemAdmin, at: Units.ruicheng, 3)
        static let ruichengBusinessAdmin = staff(.businessAdmin, at: Units.ruicheng, 4)
        static let yongjiSystemAdmin = staff(.systemAdmin, at: Units.yongji, 5)
        static let yongjiBusinessAdmin = staff(.businessAdmin, at: Units.yongji, 6)
        static let ruichengReviewer = staff(.reviewer, at: Units.ruicheng, 7)
        static let ruichengExpert = staff(.expert, at: Units.ruicheng, 8)
        static let ruichengAuditor = staff(.auditor, at: Units.ruicheng, 9)
        static let yunchengOfficer = staff(.cityOfficer, at: Units.yuncheng, 10)
        static let taiyuanOfficer = staff(.cityOfficer, at: Units.taiyuan, 11)
        static let taskForceMember = staff(.taskForce, at: Units.province, 12)
        static let provinceAuditor = staff(.auditor, at: Units.province, 13)
        static let taianOperator = staff(.operator, at: Units.taianVillage, 14)
        static let guweiOperator = staff(.operator, at: Units.guweiCentre, 15)
        static let yongjiOperator = staff(.operator, at: Units.yongjiCentre, 16)
        static let dongguanOperator = staff(.operator, at: Units.dongguanCommunity, 17)
        static let bankOperator = staff(.operator, at: Units.guweiBank, 18)
        static let secondTaianOperator = staff(.operator, at: Units.taianVillage, 19)
        static let frozenRuichengSystemAdmin = staff(.systemAdmin, at: Units.ruicheng, 20, status: .frozen)
    }

    /// The decision a test expects: refused with `refusal`, or allowed when there is none.
    static func decision(_ refusal: Refusal?) -> Decision { refusal.map(Decision.refused) ?? .allowed }

    /// The fixed "today" of the account tests.
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func idNumber(_ raw: String) -> ResidentIDNumber { try! ResidentIDNumber.parse(raw, today: today).get() }
    static func phone(_ raw: String) -> MobilePhoneNumber { try! MobilePhoneNumber.parse(raw).get() }

    /// The 40-item catalogue the application embeds, read from the source tree.
    enum BundledCatalogue {
        /// `<package>/Sources/JiujinbanApp/Assets/catalog/service-catalog.json`, from this file's
        /// `<package>/Tests/JiujinbanRulesTests/Accounts/` folder.
        static let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/JiujinbanApp/Assets/catalog/service-catalog.json")

        static func load() throws -> ServiceCatalogue { try ServiceCatalogue.decode(Data(contentsOf: url)) }
    }

    /// A three-item catalogue with a kiosk-only item, which no current catalogue item is.
    static func smallCatalogue() throws -> ServiceCatalogue {
        let json = """
        {"categories": [{"key": "job", "name": "我要找工作", "count": 3}],
         "items": [
          {"seq": 1, "category": "job", "name": "柜面即办", "content": "", "channels": ["counter", "kiosk"],
           "audience": "", "requirement": "", "workingDays": 0},
          {"seq": 2, "category": "job", "name": "仅自助机", "content": "", "channels": ["kiosk"],
           "audience": "", "requirement": "", "workingDays": 0},
          {"seq": 3, "category": "job", "name": "柜面限时", "content": "", "channels": ["counter"],
           "audience": "", "requirement": "", "workingDays": 5}
         ]}
        """
        return try ServiceCatalogue.decode(Data(json.utf8))
    }
}
