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
        /// A mainland mobile (11 digits) or a landline with its area code (`0359-6021234`).
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
        let phone = Self.phone(contactPhone, into: &errors)
        guard errors.isEmpty, let code, let division, let phone else { return .failure(errors) }
        return .success(Facts(name: name, creditCode: code, division: division, address: address, contactName: contactName,
                              contactPhone: phone))
    }

    /// A mobile number as `MobilePhoneNumber` reads it, or a landline: a 3- or 4-digit area code starting with 0,
    /// then 7 or 8 digits, written `0359-6021234`.
    static func phone(_ raw: String?, into errors: inout FieldErrors) -> String? {
        let text = String(TypedInput.halfWidthWithoutSpaces(TextField.clean(raw)))
        if text.isEmpty {
            errors.add("contact_phone", "请填写联系电话")
            return nil
        }
        if case .success(let mobile) = MobilePhoneNumber.parse(text) { return mobile.value }
        let digits = text.filter { $0 != "-" }
        let parts = text.split(separator: "-")
        if text.hasPrefix("0"), digits.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count <= 2,
           (10...12).contains(digits.count) {
            if parts.count == 2, (3...4).contains(parts[0].count), (7...8).contains(parts[1].count) { return text }
            if parts.count == 1 { return text }
        }
        errors.add("contact_phone", "联系电话应为11位手机号码或带区号的固定电话（如0359-6021234）")
        return nil
    }
}
