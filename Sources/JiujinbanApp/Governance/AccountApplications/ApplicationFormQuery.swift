import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The application form's choices for the applicant's unit: its accounts an application can be about, the posts its
/// flow admits, and (for operator accounts) the item permissions within the ceiling.
enum ApplicationFormQuery {
    static func choices(
        for staff: SignedInStaff, flow: AccountApplication.Flow, catalogue: ServiceCatalogue, on db: any Database
    ) async throws -> ApplicationFormPage.Choices {
        let accounts = try await ApplicationFormPage.changeableAccounts(of: staff.account.unit, on: db)
        let accountOptions = accounts.map {
            FormFields.Option(value: $0.account.id.uuidString.lowercased(),
                              label: "\($0.name)（\($0.account.post.label)，\($0.account.status.label)）")
        }
        let posts = Post.allCases.filter(flow.admits).map { FormFields.Option(value: $0.rawValue, label: $0.label) }
        let kinds = RequestedItem.Kind.allCases.filter { flow == .operatorAccounts || $0 != .changePermissions }
            .map { FormFields.Option(value: $0.rawValue, label: $0.label) }
        let ceiling = PermissionPolicy.ceiling(post: .operator, unit: staff.account.unit, catalogue: catalogue).sorted()
        let names = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        return ApplicationFormPage.Choices(kinds: kinds, posts: posts, accounts: accountOptions,
                                           grants: flow == .operatorAccounts ? ceiling.map { ($0, names[$0.item] ?? "") } : [])
    }
}

extension ApplicationFormPage {
    static func respond(
        _ req: Request, form: ApplicationFiling.Form, rows: Int, errors: FieldErrors, status: HTTPResponseStatus
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let context = PageContext(req)
        guard let flow = AccountApplication.Flow(applicant: staff.account.unit) else {
            return HTMLResponse.make(renderCannotFile(context: context))
        }
        let choices = try await ApplicationFormQuery.choices(for: staff, flow: flow, catalogue: req.jiujinban.catalogue, on: req.db)
        return HTMLResponse.make(render(form: form, rows: rows, errors: errors, flow: flow, unitName: staff.unitName,
                                        choices: choices, context: context), status: status)
    }

    /// The accounts of the applicant's unit that an application can be about: the flow's posts, not deactivated.
    static func changeableAccounts(of unit: OrgUnit, on db: any Database) async throws -> [(account: StaffAccount, name: String)] {
        guard let flow = AccountApplication.Flow(applicant: unit) else { return [] }
        let records = try await AccountRecord.query(on: db).filter(\.$unitKey == AccountRecord.key(of: unit))
            .filter(\.$status != AccountStatus.deactivated.rawValue).all()
        var result: [(StaffAccount, String)] = []
        for record in records {
            guard let account = try await StaffDirectory.account(record, on: db), flow.admits(account.post),
                  let person = try await StaffPerson.find(record.personID, on: db) else { continue }
            result.append((account, person.name))
        }
        return result.sorted { $0.1 < $1.1 }
    }
}
