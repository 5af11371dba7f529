import Fluent
import Foundation
import JiujinbanRules

/// One demonstration person for every post and role, so each can be tried from the card simulator. The ID
/// numbers are checksum-valid but invented; every one is marked as demonstration data.
enum DemoStaff {
    enum Place {
        case province, city, county
        case point(divisionCode: String, kind: ServicePointKind)
    }

    struct Member {
        let name: String
        let idNumber: String
        let phone: String
        let post: Post
        let place: Place
    }

    static let members: [Member] = [
        Member(name: "王建华", idNumber: "140100197503120310", phone: "13903590001", post: .systemAdmin, place: .province),
        Member(name: "李秀英", idNumber: "140100198005210422", phone: "13903590002", post: .businessAdmin, place: .province),
        Member(name: "赵志强", idNumber: "140100198309180533", phone: "13903590003", post: .taskForce, place: .province),
        Member(name: "钱丽娟", idNumber: "140100197901070646", phone: "13903590004", post: .auditor, place: .province),
        Member(name: "孙国平", idNumber: "140802198206300759", phone: "13903590005", post: .cityOfficer, place: .city),
        Member(name: "周晓东", idNumber: "14083019760415011X", phone: "13903590006", post: .systemAdmin, place: .county),
        Member(name: "吴海燕", idNumber: "140830198508220223", phone: "13903590007", post: .businessAdmin, place: .county),
        Member(name: "郑雅琴", idNumber: "140830198802030332", phone: "13903590008", post: .reviewer, place: .county),
        Member(name: "冯立新", idNumber: "140830198109110449", phone: "13903590009", post: .expert, place: .county),
        Member(name: "陈红梅", idNumber: "140830199001260554", phone: "13903590010", post: .operator,
               place: .point(divisionCode: "140830100000", kind: .townshipCentre)),
        Member(name: "褚卫东", idNumber: "140830198707190661", phone: "13903590011", post: .operator,
               place: .point(divisionCode: "140830100204", kind: .village)),
        Member(name: "卫春花", idNumber: "140830199210050780", phone: "13903590012", post: .operator,
               place: .point(divisionCode: "140830100019", kind: .community)),
        Member(name: "蒋文斌", idNumber: "140830198903140899", phone: "13903590013", post: .operator,
               place: .point(divisionCode: "140830100000", kind: .bankBranch)),
    ]

    static let province = "140000000000", city = "140800000000", county = "140830000000"

    /// Creates the people and their accounts; the service points must already exist.
    static func seed(now: Date, today: CalendarDate, cipher: PersonalDataCipher, catalogue: ServiceCatalogue, on db: any Database) async throws {
        for member in members {
            let personID = try await StaffRegistry.person(
                name: member.name, idNumber: member.idNumber, phone: member.phone, isDemo: true, today: today,
                cipher: cipher, on: db)
            let unit = try await unit(for: member.place, on: db)
            let account = AccountRecord(personID: personID, post: member.post, unit: unit, createdAt: now)
            // Every demonstration role can be tried at once: roles come associated.
            account.roleAssociatedAt = now
            try await account.create(on: db)
            if member.post == .businessAdmin, case .county = member.place {
                try await DemoTraining.seed(by: try account.requireID(), now: now, today: today, on: db)
            }
            let ceiling = PermissionPolicy.ceiling(post: member.post, unit: unit, catalogue: catalogue)
            try await StaffRegistry.setGrants(ceiling, of: try account.requireID(), on: db)
            if member.post == .expert {
                try await StaffRegistry.setAreas([.job, .insurance], of: try account.requireID(), on: db)
                // Ruicheng's responsibility list names the expert for its two areas; the other areas are gaps that
                // fall back to the county business admin, as a new county's list starts.
                for area in [BusinessArea.job, .insurance] {
                    try await ResponsibilityRecord(county: try DivisionCode(county), area: area, accountID: try account.requireID(),
                                                   at: now).create(on: db)
                }
            }
        }
    }

    static func unit(for place: Place, on db: any Database) async throws -> OrgUnit {
        switch place {
        case .province: return .department(try DivisionCode(province))
        case .city: return .department(try DivisionCode(city))
        case .county: return .department(try DivisionCode(county))
        case .point(let code, let kind):
            guard let point = try await ServicePoint.query(on: db)
                .filter(\.$divisionCode == code).filter(\.$kind == kind.rawValue).first(), let id = point.id else {
                throw DemoDataError.badReferenceRow("no \(kind.rawValue) service point in \(code)")
            }
            return .servicePoint(id: id, kind: kind, divisionCode: try DivisionCode(code))
        }
    }
}
