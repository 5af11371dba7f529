import Foundation

/// What an applicant filled in on the account application form, before validation. The web layer resolves the
/// choices it offers (the unit of a new account, the existing account an item is about) to values; text fields
/// stay as typed.
public struct AccountApplicationDraft: Sendable, Equatable {
    public var contactName: String?
    public var contactPhone: String?
    public var items: [RequestedItemDraft]

    public init(contactName: String? = nil, contactPhone: String? = nil, items: [RequestedItemDraft] = []) {
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.items = items
    }

    /// The longest name accepted, for the contact and for a new account's user.
    public static let maximumNameLength = PersonName.maximumLength

    /// Validates every field for `applicant` and reports every problem at once. Field names are `contact_name`,
    /// `contact_phone`, `items`, and `items[i][field]` for the i-th item (`name`, `id_number`, `phone`, `post`,
    /// `unit`, `account`, `grants`). `today` (Asia/Shanghai) bounds ID birth dates.
    public func validate(
        applicant: OrgUnit, today: CalendarDate, catalogue: ServiceCatalogue
    ) -> Result<AccountApplicationRequest, FieldErrors> {
        var errors = FieldErrors()
        let flow = AccountApplication.Flow(applicant: applicant)
        if flow == nil { errors.add("applicant", Refusal.cannotFile.message) }
        let contactName = PersonName.validate(contactName, field: "contact_name", label: "联系人", into: &errors)
        let contactPhone = Self.phone(contactPhone, field: "contact_phone", label: "联系方式", into: &errors)
        if items.isEmpty { errors.add("items", "请至少填写一项申请事项") }

        var context = ItemContext(applicant: applicant, flow: flow, today: today, catalogue: catalogue)
        let validated = items.enumerated().map { index, item in context.validate(item, index: index, into: &errors) }

        guard errors.isEmpty, let contactPhone else { return .failure(errors) }
        return .success(AccountApplicationRequest(
            applicant: applicant, contactName: contactName, contactPhone: contactPhone,
            items: validated.compactMap { $0 }))
    }

    static func phone(
        _ raw: String?, field: String, label: String, into errors: inout FieldErrors
    ) -> MobilePhoneNumber? {
        switch MobilePhoneNumber.parse(raw ?? "") {
        case .success(let phone): return phone
        case .failure(.empty): errors.add(field, "请填写\(label)（手机号码）")
        case .failure(let problem): errors.add(field, problem.message)
        }
        return nil
    }
}

/// One requested item as filled in.
public enum RequestedItemDraft: Sendable, Equatable {
    case newAccount(NewAccountDraft)
    /// The account chosen, or nil when none was chosen or it no longer exists.
    case freeze(StaffAccount?)
    case unlock(StaffAccount?)
    case deactivate(StaffAccount?)
    case changePermissions(StaffAccount?, grants: Set<ItemPermission>)
}

/// 新增账号 as filled in.
public struct NewAccountDraft: Sendable, Equatable {
    public var name: String?
    public var idNumber: String?
    public var phone: String?
    /// The post's raw value (`operator`, `system_admin`, …).
    public var post: String?
    public var unit: OrgUnit?

    public init(
        name: String? = nil, idNumber: String? = nil, phone: String? = nil, post: String? = nil, unit: OrgUnit? = nil
    ) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.post = post
        self.unit = unit
    }
}

/// Checks of the items that look across items: one ID number and one account appear once, and a county asks
/// for at most one system admin and one business admin (article 8: 各1名).
private struct ItemContext {
    let applicant: OrgUnit
    let flow: AccountApplication.Flow?
    let today: CalendarDate
    let catalogue: ServiceCatalogue
    var idNumbers: Set<String> = []
    var accounts: Set<UUID> = []
    var administratorPosts: Set<Post> = []

    init(applicant: OrgUnit, flow: AccountApplication.Flow?, today: CalendarDate, catalogue: ServiceCatalogue) {
        self.applicant = applicant
        self.flow = flow
        self.today = today
        self.catalogue = catalogue
    }

    mutating func validate(_ item: RequestedItemDraft, index: Int, into errors: inout FieldErrors) -> RequestedItem? {
        let field = { (name: String) in "items[\(index)][\(name)]" }
        switch item {
        case .newAccount(let draft):
            return newAccount(draft, field: field, into: &errors).map(RequestedItem.newAccount)
        case .freeze(let account):
            return existing(account, change: .freeze, field: field("account"), into: &errors)
                .map { .freeze(accountID: $0.id) }
        case .unlock(let account):
            return existing(account, change: .unlock, field: field("account"), into: &errors)
                .map { .unlock(accountID: $0.id) }
        case .deactivate(let account):
            return existing(account, change: .deactivate, field: field("account"), into: &errors)
                .map { .deactivate(accountID: $0.id) }
        case .changePermissions(let account, let grants):
            guard flow != .countyAdministratorAccounts else {
                errors.add(field("account"), Refusal.noItemPermissionsForPost(.systemAdmin).message)
                return nil
            }
            guard let account = existing(account, change: nil, field: field("account"), into: &errors) else {
                return nil
            }
            let decision = PermissionPolicy.leastPrivilege(
                grants, post: account.post, unit: account.unit, catalogue: catalogue)
            if let refusal = decision.refusal {
                errors.add(field("grants"), refusal.message)
                return nil
            }
            return .changePermissions(accountID: account.id, grants: grants)
        }
    }

    private mutating func newAccount(
        _ draft: NewAccountDraft, field: (String) -> String, into errors: inout FieldErrors
    ) -> NewAccountRequest? {
        let problemsBefore = errors.problems.count
        let name = PersonName.validate(draft.name, field: field("name"), into: &errors)
        var idNumber: ResidentIDNumber?
        switch ResidentIDNumber.parse(draft.idNumber ?? "", today: today) {
        case .success(let parsed):
            if idNumbers.insert(parsed.value).inserted { idNumber = parsed } else {
                errors.add(field("id_number"), "同一申请单中身份证号码重复")
            }
        case .failure(let problem):
            errors.add(field("id_number"), problem.message)
        }
        let phone = AccountApplicationDraft.phone(draft.phone, field: field("phone"), label: "联系电话", into: &errors)
        var post = Post(rawValue: TextField.clean(draft.post))
        if post == nil { errors.add(field("post"), "请选择岗位") }
        if let requested = post, let flow, !flow.admits(requested) {
            errors.add(field("post"), "“\(flow.label)”只能申请\(flow == .operatorAccounts ? "业务操作员" : "系统管理员、业务管理员")账号")
            post = nil
        } else if let requested = post, requested.isAdministrator, !administratorPosts.insert(requested).inserted {
            errors.add(field("post"), "每个县级人社部门只设1名\(requested.label)")
        }
        // A refused post is not checked against the unit again: one message per mistake.
        let unit = checkedUnit(draft.unit, post: post, field: field("unit"), into: &errors)
        guard let idNumber, let phone, let post, let unit, errors.problems.count == problemsBefore else { return nil }
        return NewAccountRequest(name: name, idNumber: idNumber, phone: phone, post: post, unit: unit)
    }

    /// A new account's unit: the applicant itself (a service point applies for its own operators, a county for
    /// its own administrators), and one that may hold the post.
    private func checkedUnit(_ unit: OrgUnit?, post: Post?, field: String, into errors: inout FieldErrors) -> OrgUnit? {
        guard let unit else {
            errors.add(field, "请选择所属单位")
            return nil
        }
        guard unit.isSameUnit(as: applicant) else {
            errors.add(field, "只能为本单位申请账号")
            return nil
        }
        if let post, let refusal = unit.mayHold(post).refusal {
            errors.add(field, refusal.message)
            return nil
        }
        return unit
    }

    /// An existing account an item is about: chosen, of the applicant's unit and of the flow's posts, not asked
    /// about twice, and (for a status change) in a status the change applies to.
    private mutating func existing(
        _ account: StaffAccount?, change: AccountStatus.Change?, field: String, into errors: inout FieldErrors
    ) -> StaffAccount? {
        guard let account else {
            errors.add(field, "请选择账号")
            return nil
        }
        guard account.unit.isSameUnit(as: applicant), flow?.admits(account.post) == true else {
            errors.add(field, "只能申请变更本单位的\(flow == .countyAdministratorAccounts ? "系统管理员、业务管理员" : "业务操作员")账号")
            return nil
        }
        guard accounts.insert(account.id).inserted else {
            errors.add(field, "同一账号在一张申请单中只能申请一项")
            return nil
        }
        if let change, account.status.applying(change) == nil {
            errors.add(field, Refusal.statusChangeNotApplicable(account.status, change).message)
            return nil
        }
        return account
    }
}
