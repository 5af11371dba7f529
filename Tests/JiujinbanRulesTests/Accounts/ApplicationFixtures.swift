import Foundation
import JiujinbanRules

/// Account applications of the tests: an operator application of Taian village, an administrator application of
/// Ruicheng county.
enum ApplicationFixture {
    private typealias Units = AccountFixture.Units
    private typealias Staff = AccountFixture.Staff

    static let newOperator = RequestedItem.newAccount(NewAccountRequest(
        name: "王小明", idNumber: AccountFixture.idNumber("140830199001011232"),
        phone: AccountFixture.phone("13812345678"), post: .operator, unit: Units.taianVillage))

    static let newBusinessAdmin = RequestedItem.newAccount(NewAccountRequest(
        name: "李华", idNumber: AccountFixture.idNumber("142723196508150011"),
        phone: AccountFixture.phone("13912345678"), post: .businessAdmin, unit: Units.ruicheng))

    static let number = ApplicationNumber(county: AccountFixture.Codes.ruicheng, year: 2026, sequence: 7)!

    static func request(_ applicant: OrgUnit, _ items: [RequestedItem]) -> AccountApplicationRequest {
        AccountApplicationRequest(applicant: applicant, contactName: "张三", contactPhone: AccountFixture.phone("13712345678"),
                                  items: items)
    }

    /// Filed by Taian's operator; by default asks for a new operator account (both parts).
    static func operatorApplication(
        _ items: [RequestedItem] = [newOperator], state: AccountApplication.State = .submitted,
        carriedOut: Set<ExecutionPart> = []
    ) -> AccountApplication {
        AccountApplication(number: number, request: request(Units.taianVillage, items),
                           filedByAccount: Staff.taianOperator.id, filedByPerson: Staff.taianOperator.personID,
                           state: state, carriedOut: carriedOut)!
    }

    /// Filed by Ruicheng's system admin; by default asks for a new business admin account (both parts).
    static func administratorApplication(
        _ items: [RequestedItem] = [newBusinessAdmin], state: AccountApplication.State = .submitted,
        carriedOut: Set<ExecutionPart> = []
    ) -> AccountApplication {
        AccountApplication(number: number, request: request(Units.ruicheng, items),
                           filedByAccount: Staff.ruichengSystemAdmin.id, filedByPerson: Staff.ruichengSystemAdmin.personID,
                           state: state, carriedOut: carriedOut)!
    }
}
