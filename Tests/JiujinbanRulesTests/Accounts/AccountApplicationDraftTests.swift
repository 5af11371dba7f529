import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Staff = AccountFixture.Staff

private let goodOperator = NewAccountDraft(
    name: "王小明", idNumber: "11010519491231002x", phone: "138 1234 5678", post: "operator", unit: Units.taianVillage)

private let goodBusinessAdmin = NewAccountDraft(
    name: "李华", idNumber: "142723196508150011", phone: "13912345678", post: "business_admin", unit: Units.ruicheng)

@Suite("用户申请（变更）单填写校验 application form validation")
struct AccountApplicationDraftTests {
    let catalogue: ServiceCatalogue

    init() throws { catalogue = try AccountFixture.BundledCatalogue.load() }

    func validate(
        _ draft: AccountApplicationDraft, applicant: OrgUnit = Units.taianVillage
    ) -> Result<AccountApplicationRequest, FieldErrors> {
        draft.validate(applicant: applicant, today: AccountFixture.today, catalogue: catalogue)
    }

    func errors(_ draft: AccountApplicationDraft, applicant: OrgUnit = Units.taianVillage) -> FieldErrors {
        guard case .failure(let errors) = validate(draft, applicant: applicant) else {
            Issue.record("expected field errors")
            return FieldErrors()
        }
        return errors
    }

    @Test("a good operator application becomes a request")
    func goodOperatorApplication() throws {
        let frozen = AccountFixture.staff(.operator, at: Units.taianVillage, 95, status: .frozen)
        let draft = AccountApplicationDraft(contactName: " 张三 ", contactPhone: "+86 137 1234 5678", items: [
            .newAccount(goodOperator),
            .unlock(frozen),
            .changePermissions(Staff.taianOperator, grants: [.handle(1), .handle(11)]),
            .deactivate(Staff.secondTaianOperator),
        ])
        let request = try validate(draft).get()
        #expect(request.applicant == Units.taianVillage)
        #expect(request.contactName == "张三")
        #expect(request.contactPhone.value == "13712345678")
        #expect(request.items.map(\.kind) == [.newAccount, .unlock, .changePermissions, .deactivate])
        guard case .newAccount(let account) = request.items[0] else { Issue.record("new account expected"); return }
        #expect(account.idNumber.value == "11010519491231002X")
        #expect(account.phone.value == "13812345678")
        #expect(account.post == .operator)
    }

    @Test("a good county administrator application becomes a request")
    func goodAdministratorApplication() throws {
        let draft = AccountApplicationDraft(contactName: "赵六", contactPhone: "13712345678", items: [
            .newAccount(goodBusinessAdmin), .deactivate(Staff.ruichengSystemAdmin),
        ])
        #expect(try validate(draft, applicant: Units.ruicheng).get().items.count == 2)
    }

    @Test("every problem at once")
    func everyProblem() {
        let draft = AccountApplicationDraft(contactName: "", contactPhone: "12345", items: [
            .newAccount(NewAccountDraft(name: String(repeating: "王", count: 21), idNumber: "140830199001011233",
                                        phone: "010-12345678", post: nil, unit: nil)),
        ])
        let found = errors(draft)
        #expect(found.fields == ["contact_name", "contact_phone", "items[0][name]", "items[0][id_number]",
                                 "items[0][phone]", "items[0][post]", "items[0][unit]"])
        #expect(found.message(for: "contact_name") == "请填写联系人")
        #expect(found.message(for: "items[0][name]") == "姓名不能超过20个字（现为21个）")
        #expect(found.message(for: "items[0][id_number]") == "身份证号码校验码错误：最后一位与前17位不符，请逐位核对")
        #expect(found.message(for: "items[0][post]") == "请选择岗位")
        #expect(found.message(for: "items[0][unit]") == "请选择所属单位")
    }

    @Test("names of 20 characters, rare ones counted as one, are accepted")
    func twentyCharacters() throws {
        var account = goodOperator
        account.name = String(repeating: "𠮷", count: 20)
        let draft = AccountApplicationDraft(contactName: String(repeating: "张", count: 20), contactPhone: "13712345678",
                                            items: [.newAccount(account)])
        #expect(try validate(draft).get().contactName.count == 20)
    }

    @Test("at least one requested item")
    func noItems() {
        let found = errors(AccountApplicationDraft(contactName: "张三", contactPhone: "13712345678"))
        #expect(found.fields == ["items"])
        #expect(found.message(for: "items") == "请至少填写一项申请事项")
    }

    @Test("item problems", arguments: [
        (RequestedItemDraft.newAccount(NewAccountDraft(name: "王五", idNumber: "140830199001011232", phone: "13812345678",
                                                       post: "system_admin", unit: Units.taianVillage)),
         "items[0][post]", "“业务操作员账号申请（变更）”只能申请业务操作员账号"),
        (.newAccount(NewAccountDraft(name: "王五", idNumber: "140830199001011232", phone: "13812345678",
                                     post: "operator", unit: Units.guweiCentre)),
         "items[0][unit]", "只能为本单位申请账号"),
        (.newAccount(NewAccountDraft(name: "王五", idNumber: "140830199001011232", phone: "13812345678",
                                     post: "chief", unit: Units.taianVillage)),
         "items[0][post]", "请选择岗位"),
        (.freeze(nil), "items[0][account]", "请选择账号"),
        (.freeze(Staff.guweiOperator), "items[0][account]", "只能申请变更本单位的业务操作员账号"),
        (.freeze(AccountFixture.staff(.operator, at: Units.taianVillage, 96, status: .frozen)), "items[0][account]",
         "该账号当前为“冻结”状态，不能冻结"),
        (.unlock(Staff.taianOperator), "items[0][account]", "该账号当前为“正常”状态，不能解锁"),
        (.changePermissions(Staff.taianOperator, grants: [.review(11)]), "items[0][grants]",
         "业务操作员只能有经办权限，不能有审核权限"),
        (.changePermissions(Staff.taianOperator, grants: [.handle(41)]), "items[0][grants]", "服务事项第41项不存在"),
    ] as [(RequestedItemDraft, String, String)])
    func itemProblems(item: RequestedItemDraft, field: String, message: String) {
        let found = errors(AccountApplicationDraft(contactName: "张三", contactPhone: "13712345678", items: [item]))
        #expect(found.fields == [field])
        #expect(found.message(for: field) == message)
    }

    @Test("administrator applications: administrator posts only, one of each, no item permissions")
    func administratorItems() {
        func countyErrors(_ items: [RequestedItemDraft]) -> FieldErrors {
            errors(AccountApplicationDraft(contactName: "赵六", contactPhone: "13712345678", items: items),
                   applicant: Units.ruicheng)
        }
        var second = goodBusinessAdmin
        second.idNumber = "11010519491231002X"
        let twice = countyErrors([.newAccount(goodBusinessAdmin), .newAccount(second)])
        #expect(twice.message(for: "items[1][post]") == "每个县级人社部门只设1名业务管理员")

        var operatorHere = goodBusinessAdmin
        operatorHere.post = "operator"
        #expect(countyErrors([.newAccount(operatorHere)]).message(for: "items[0][post]")
                == "“系统管理员、业务管理员账号申请（变更）”只能申请系统管理员、业务管理员账号")

        #expect(countyErrors([.changePermissions(Staff.ruichengBusinessAdmin, grants: [])]).message(for: "items[0][account]")
                == "系统管理员、业务管理员不能有业务经办和审核权限")

        #expect(countyErrors([.deactivate(Staff.yongjiSystemAdmin)]).message(for: "items[0][account]")
                == "只能申请变更本单位的系统管理员、业务管理员账号")
    }

    @Test("one ID number and one account appear once")
    func duplicates() {
        var again = goodOperator
        again.name = "王小明二"
        let found = errors(AccountApplicationDraft(contactName: "张三", contactPhone: "13712345678", items: [
            .newAccount(goodOperator), .newAccount(again),
            .freeze(Staff.taianOperator), .deactivate(Staff.taianOperator),
        ]))
        #expect(found.fields == ["items[1][id_number]", "items[3][account]"])
        #expect(found.message(for: "items[1][id_number]") == "同一申请单中身份证号码重复")
        #expect(found.message(for: "items[3][account]") == "同一账号在一张申请单中只能申请一项")
    }

    @Test("only service points and county departments file", arguments: [Units.province, Units.yuncheng])
    func applicant(unit: OrgUnit) {
        let found = errors(AccountApplicationDraft(contactName: "张三", contactPhone: "13712345678",
                                                   items: [.newAccount(goodBusinessAdmin)]), applicant: unit)
        #expect(found.fields.contains("applicant"))
    }

    @Test("an ID birth date after today is refused")
    func futureBirthDate() {
        var account = goodOperator
        account.idNumber = "140830202612010010"
        let found = errors(AccountApplicationDraft(contactName: "张三", contactPhone: "13712345678",
                                                   items: [.newAccount(account)]))
        #expect(found.fields == ["items[0][id_number]"])
    }
}
