/// 档案存放机构 (item 15): where a mobile worker's personnel file (流动人员人事档案) can be kept, as a business admin
/// enters it. Field names: `name`, `address`, `division`, `scope` (存档范围), `contact_phone`, `hours` (办公时间).
public struct ArchiveOfficeDraft: Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var division: String?
    public var scope: String?
    public var contactPhone: String?
    public var hours: String?

    public init(name: String? = nil, address: String? = nil, division: String? = nil, scope: String? = nil, contactPhone: String? = nil,
                hours: String? = nil) {
        self.name = name
        self.address = address
        self.division = division
        self.scope = scope
        self.contactPhone = contactPhone
        self.hours = hours
    }

    public struct Facts: Sendable, Equatable {
        public let name: String
        public let address: String
        public let division: DivisionCode
        public let scope: String
        public let contactPhone: ContactPhoneNumber
        public let hours: String

        /// What the search matches, folded like the search terms.
        public var searchText: String { PolicySearch.fold([name, address, scope, hours].joined(separator: "\n")) }
    }

    public static let maximumScopeLength = 500

    /// - Parameter divisions: the divisions the admin may enter offices for (its own and those below it, down to the
    ///   counties).
    public func validate(divisions: Set<DivisionCode>) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let name = TextField.required(self.name, field: "name", label: "机构名称", maxLength: 50, into: &errors)
        let address = TextField.required(self.address, field: "address", label: "地址", maxLength: 100, into: &errors)
        let division = JobFairDraft.division(self.division, field: "division", label: "所在区划", allowed: divisions, into: &errors)
        let scope = ProblemReportDraft.multiline(self.scope, field: "scope", label: "存档范围", maxLength: Self.maximumScopeLength,
                                                 required: true, into: &errors)
        let phone = JobFairDraft.phone(contactPhone, into: &errors)
        let hours = TextField.required(self.hours, field: "hours", label: "办公时间", maxLength: 100, into: &errors)
        guard errors.isEmpty, let division, let phone else { return .failure(errors) }
        return .success(Facts(name: name, address: address, division: division, scope: scope, contactPhone: phone, hours: hours))
    }
}
