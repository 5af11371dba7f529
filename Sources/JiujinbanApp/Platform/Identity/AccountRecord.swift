import Fluent
import Foundation
import JiujinbanRules

/// 用户账号 as stored: one post in one unit for one person. `StaffAccount` (rules) is its plain-value twin.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
package final class AccountRecord: Model, @unchecked Sendable {
    package static let schema = "staff_accounts"

    @ID(key: .id) package var id: UUID?
    @Field(key: "person_id") package var personID: UUID
    @Field(key: "post") package var post: String
    @Field(key: "unit_key") var unitKey: String
    @Field(key: "unit_division_code") package var unitDivisionCode: String
    @OptionalField(key: "unit_service_point_id") package var unitServicePointID: UUID?
    @Field(key: "status") package var status: String
    @OptionalField(key: "status_reason") var statusReason: String?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @OptionalField(key: "last_unlocked_at") var lastUnlockedAt: Date?
    @OptionalField(key: "leak_reported_at") var leakReportedAt: Date?
    /// 角色关联 (article 5): when and by whom the account's role was associated; nil while it waits.
    @OptionalField(key: "role_associated_at") package var roleAssociatedAt: Date?
    @OptionalField(key: "role_associated_by") var roleAssociatedBy: UUID?
    /// Set from the platform clock (not the wall clock), because idleness is counted from it.
    @OptionalField(key: "created_at") var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    package init() {}

    /// A new account. Its role counts as associated at once only where no business admin above it could do it
    /// (`PermissionPolicy.needsRoleAssociation`), or when `roleAssociatedBy` names who did.
    package init(
        id: UUID = UUID(), personID: UUID, post: Post, unit: OrgUnit, status: AccountStatus = .active, createdAt: Date,
        roleAssociatedBy: UUID? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        if roleAssociatedBy != nil || !PermissionPolicy.needsRoleAssociation(post: post, unit: unit) {
            roleAssociatedAt = createdAt
            self.roleAssociatedBy = roleAssociatedBy
        }
        self.personID = personID
        self.post = post.rawValue
        self.status = status.rawValue
        setUnit(unit)
    }

    func setUnit(_ unit: OrgUnit) {
        unitKey = Self.key(of: unit)
        unitDivisionCode = unit.divisionCode.value
        if case .servicePoint(let id, _, _) = unit { unitServicePointID = id } else { unitServicePointID = nil }
    }

    /// `dept:140830000000` or `sp:<uuid>`: what "the same unit" means in the one-account-per-unit index.
    static func key(of unit: OrgUnit) -> String {
        switch unit {
        case .department(let code): "dept:" + code.value
        case .servicePoint(let id, _, _): "sp:" + id.uuidString.lowercased()
        }
    }

    /// The rules' view. A service-point unit needs the point's kind, which the caller looked up.
    func account(servicePointKind: ServicePointKind?) -> StaffAccount? {
        guard let id, let post = Post(rawValue: post), let status = AccountStatus(rawValue: status),
              let division = try? DivisionCode(unitDivisionCode) else { return nil }
        let unit: OrgUnit
        if let pointID = unitServicePointID {
            guard let kind = servicePointKind else { return nil }
            unit = .servicePoint(id: pointID, kind: kind, divisionCode: division)
        } else {
            unit = .department(division)
        }
        return StaffAccount(id: id, personID: personID, post: post, unit: unit, status: status,
                            roleAssociated: roleAssociatedAt != nil)
    }
}
