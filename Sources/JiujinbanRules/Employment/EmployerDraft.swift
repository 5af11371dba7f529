/// 用人单位登记: an employer as the counter records it before its postings. Field names: `name`, `credit_code`,
/// `division`, `address`, `contact_name`, `contact_phone`.
public struct EmployerDraft: Sendable, Equatable {
    public var name: String?
    public var creditCode: String?
    public var division: String?
    public var address: String?
    public var contactName: String?
    public var contactPhone: String?

    public init(name: String? = nil, creditCode: String? = nil, division: String? = nil, address: String? = nil,
                contactName: String? = nil, contactPhone: String? = nil) {
        self.name = name
        self.creditCode = creditCode
        self.division = division
        self.address = address
        self.contactName = contactName
        self.contactPhone = contactPhone
    }

    public struct Facts: Sendable, Equatable {
        public let name: String
        public let creditCode: CreditCode
        public let division: DivisionCode
        public let address: String
        public let contactName: String
        /// A mainland mobile (11 digits) or a landline with its area code (`0359-6021234`), as `ContactPhoneNumber` writes it.
        public let contactPhone: String
    }

    /// - Parameter scope: the division the employer must lie in (the operator's county).
    public func validate(within scope: DivisionCode) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let name = TextField.required(self.name, field: "name", label: "单位名称", maxLength: 60, into: &errors)
        var code: CreditCode?
        do { code = try CreditCode(creditCode ?? "") } catch { errors.add("credit_code", error.message) }
        let divisionText = TextField.clean(division)
        let division = try? DivisionCode(divisionText)
        if divisionText.isEmpty { errors.add("division", "请选择单位所在区划") }
        else if division == nil || !scope.contains(division!) { errors.add("division", "单位所在区划应在本县内") }
        let address = TextField.required(self.address, field: "address", label: "单位地址", maxLength: 100, into: &errors)
        let contactName = TextField.required(self.contactName, field: "contact_name", label: "联系人", maxLength: 20, into: &errors)
        var phone: String?
        switch ContactPhoneNumber.parse(contactPhone) {
        case .success(let number): phone = number.text
        case .failure(let problem): errors.add("contact_phone", problem.message)
        }
        guard errors.isEmpty, let code, let division, let phone else { return .failure(errors) }
        return .success(Facts(name: name, creditCode: code, division: division, address: address, contactName: contactName,
                              contactPhone: phone))
    }
}
