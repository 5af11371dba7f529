import Foundation
import JiujinbanRules

/// The requested items as sealed in `content_sealed`: what the applicant asked for, plus the accounts created when
/// the system admin carried out the account items (the business admin then finds them there).
struct ApplicationContent: Codable, Sendable, Equatable {
    struct Item: Codable, Sendable, Equatable {
        var kind: RequestedItem.Kind
        /// 新增账号: the user's name, ID number, phone and post (the unit is the applicant).
        var name: String?
        var idNumber: String?
        var phone: String?
        var post: Post?
        /// The existing account the item is about, or the account created for a new-account item.
        var accountID: UUID?
        /// 变更账号权限: the permissions asked for (`handle:3`).
        var grants: [String]?
    }

    var items: [Item]

    static let sealContext = "account_applications.content"
    static let phoneContext = "account_applications.contact_phone"

    init(_ request: AccountApplicationRequest) {
        items = request.items.map { item in
            switch item {
            case .newAccount(let account):
                Item(kind: .newAccount, name: account.name, idNumber: account.idNumber.value, phone: account.phone.value,
                     post: account.post)
            case .freeze(let id): Item(kind: .freeze, accountID: id)
            case .unlock(let id): Item(kind: .unlock, accountID: id)
            case .deactivate(let id): Item(kind: .deactivate, accountID: id)
            case .changePermissions(let id, let grants):
                Item(kind: .changePermissions, accountID: id, grants: grants.sorted().map(\.description))
            }
        }
    }

    func sealed(with cipher: PersonalDataCipher) throws -> String {
        try cipher.seal(String(decoding: try JSONEncoder().encode(self), as: UTF8.self), context: Self.sealContext)
    }

    static func opened(_ sealed: String, with cipher: PersonalDataCipher) throws -> ApplicationContent {
        try JSONDecoder().decode(ApplicationContent.self, from: Data(try cipher.open(sealed, context: sealContext).utf8))
    }

    /// The rules' items again. Stored values were valid when filed; one that no longer parses makes the whole
    /// application unreadable rather than silently shorter.
    func requestedItems(applicant: OrgUnit, today: CalendarDate) -> [RequestedItem]? {
        var result: [RequestedItem] = []
        for item in items {
            switch item.kind {
            case .newAccount:
                guard let name = item.name, let post = item.post,
                      case .success(let idNumber) = ResidentIDNumber.parse(item.idNumber ?? "", today: today),
                      case .success(let phone) = MobilePhoneNumber.parse(item.phone ?? "") else { return nil }
                result.append(.newAccount(NewAccountRequest(name: name, idNumber: idNumber, phone: phone, post: post,
                                                            unit: applicant)))
            case .freeze, .unlock, .deactivate, .changePermissions:
                guard let id = item.accountID else { return nil }
                switch item.kind {
                case .freeze: result.append(.freeze(accountID: id))
                case .unlock: result.append(.unlock(accountID: id))
                case .deactivate: result.append(.deactivate(accountID: id))
                default: result.append(.changePermissions(accountID: id, grants: grantSet(item)))
                }
            }
        }
        return result
    }

    func grantSet(_ item: Item) -> Set<ItemPermission> {
        Set((item.grants ?? []).compactMap(AccountsController.parseGrant))
    }

    /// `新增账号2项、冻结账号1项`: what is asked, without personal data.
    var summary: String {
        RequestedItem.Kind.allCases.compactMap { kind in
            let count = items.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(kind.label)\(count)项"
        }.joined(separator: "、")
    }
}
