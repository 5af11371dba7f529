import Foundation

/// 申请事项: one thing an account application asks for (the form's note 1).
public enum RequestedItem: Hashable, Sendable {
    /// 新增账号
    case newAccount(NewAccountRequest)
    /// 冻结账号
    case freeze(accountID: UUID)
    /// 解锁账号
    case unlock(accountID: UUID)
    /// 注销账号
    case deactivate(accountID: UUID)
    /// 变更账号权限: the item permissions the account is to have from now on.
    case changePermissions(accountID: UUID, grants: Set<ItemPermission>)

    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case newAccount = "new_account"
        case freeze
        case unlock
        case deactivate
        case changePermissions = "change_permissions"

        public var label: String {
            switch self {
            case .newAccount: "新增账号"
            case .freeze: "冻结账号"
            case .unlock: "解锁账号"
            case .deactivate: "注销账号"
            case .changePermissions: "变更账号权限"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .newAccount: .newAccount
        case .freeze: .freeze
        case .unlock: .unlock
        case .deactivate: .deactivate
        case .changePermissions: .changePermissions
        }
    }

    /// Who carries the item out (article 8: 分别创建（变更）账号和权限). A new account needs both: the system admin
    /// creates it, then the business admin associates its role and grants its permissions.
    public var parts: Set<ExecutionPart> {
        switch self {
        case .newAccount: [.accounts, .permissions]
        case .freeze, .unlock, .deactivate: [.accounts]
        case .changePermissions: [.permissions]
        }
    }
}

/// 新增账号: who the new account is for (the form's note 3: name, unit and post, ID number, phone).
public struct NewAccountRequest: Hashable, Sendable {
    public let name: String
    public let idNumber: ResidentIDNumber
    public let phone: MobilePhoneNumber
    public let post: Post
    public let unit: OrgUnit

    public init(name: String, idNumber: ResidentIDNumber, phone: MobilePhoneNumber, post: Post, unit: OrgUnit) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.post = post
        self.unit = unit
    }
}

/// 办理分工: the share of an approved application each administrator carries out.
public enum ExecutionPart: String, CaseIterable, Hashable, Sendable, Codable {
    /// Account items, by the system admin.
    case accounts
    /// Role and permission items, by the business admin.
    case permissions

    public var label: String {
        switch self {
        case .accounts: "账号事项"
        case .permissions: "角色和权限事项"
        }
    }

    /// The post that carries this part out.
    public var post: Post {
        switch self {
        case .accounts: .systemAdmin
        case .permissions: .businessAdmin
        }
    }
}

/// The validated content of an account application: who applies, the contact, and the requested items.
public struct AccountApplicationRequest: Hashable, Sendable {
    /// 申请单位
    public let applicant: OrgUnit
    /// 联系人
    public let contactName: String
    /// 联系方式
    public let contactPhone: MobilePhoneNumber
    /// 申请事项, in the order written.
    public let items: [RequestedItem]

    public init(applicant: OrgUnit, contactName: String, contactPhone: MobilePhoneNumber, items: [RequestedItem]) {
        self.applicant = applicant
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.items = items
    }
}
