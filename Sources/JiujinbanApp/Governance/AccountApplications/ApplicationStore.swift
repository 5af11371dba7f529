import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Who may open the account application pages at all: those who file, decide, forward or receive filings.
enum AccountApplicationAccess {
    static let capabilities: [Capability] = [
        .fileAccountApplication, .reviewAccountApplications, .forwardAccountApplications, .receiveApplicationFilings,
    ]

    /// Whether `staff` sees the application: its own unit's, or — at a department — the applications below it
    /// that the department handles: a county its service points' and its own, a city its counties' (both flows,
    /// it forwards one and receives the other for filing), the province the county administrator applications.
    static func sees(_ record: AccountApplicationRecord, _ staff: SignedInStaff) -> Bool {
        guard capabilities.contains(where: staff.may) else { return false }
        if AccountRecord.key(of: staff.account.unit) == record.applicantUnitKey { return true }
        guard case .department(let code) = staff.account.unit,
              let division = try? DivisionCode(record.applicantDivisionCode), code.contains(division) else { return false }
        return code.depth >= 1 || record.flowValue == .countyAdministratorAccounts
    }
}

/// An application read back for a page: the rules' value, the decrypted items shown masked, the steps.
struct LoadedApplication: Sendable {
    struct ItemView: Sendable {
        let index: Int
        let kind: RequestedItem.Kind
        let personName: String
        let maskedIDNumber: String
        let maskedPhone: String
        let post: Post?
        let unitName: String
        let grants: [ItemPermission]
        /// The existing account, or the one created when the account items were carried out.
        let accountID: UUID?
    }

    struct StepView: Sendable {
        let at: Date
        let actorName: String
        let actorPost: String
        let actorUnitName: String
        let action: String
        let comment: String?
    }

    let id: UUID
    let application: AccountApplication
    let content: ApplicationContent
    let applicantName: String
    let maskedContactPhone: String
    let filedAt: Date
    let items: [ItemView]
    let steps: [StepView]

    var number: String { application.number.text }
}

enum ApplicationStore {
    /// For each new account of the application whose person already holds an account that forbids it
    /// (`PersonPosts`, as the application route allows: a second handling account is fine), the reason.
    static func personConflicts(_ loaded: LoadedApplication, req: Request) async throws -> [String] {
        let cipher = req.jiujinban.cipher
        var messages: [String] = []
        for (index, item) in loaded.application.request.items.enumerated() {
            guard case .newAccount(let wanted) = item else { continue }
            let held = try await PersonAccounts.held(idNumber: wanted.idNumber.value, on: req.db, cipher: cipher)
            if let conflict = PersonPosts.conflict(adding: wanted.post, at: wanted.unit, route: .applicationForm, held: held) {
                messages.append("第\(index + 1)项（\(wanted.name)）：\(conflict.message)")
            }
        }
        return messages
    }

    /// The application `id` if `staff` may see it; anything else answers like a missing one (S13).
    static func load(_ id: UUID?, for staff: SignedInStaff, req: Request) async throws -> (AccountApplicationRecord, LoadedApplication) {
        guard let id, let record = try await AccountApplicationRecord.find(id, on: req.db) else { throw PublicError.notFound("该申请单") }
        guard AccountApplicationAccess.sees(record, staff) else {
            throw OutOfScope("该申请单", objectType: "account_application", id: id)
        }
        return (record, try await view(record, req: req))
    }

    static func view(_ record: AccountApplicationRecord, req: Request) async throws -> LoadedApplication {
        let db = req.db
        let services = req.jiujinban
        let content = try ApplicationContent.opened(record.contentSealed, with: services.cipher)
        guard let id = record.id,
              let applicant = try await AccountQueries.unit(fromKey: record.applicantUnitKey, on: db),
              let number = ApplicationNumber(record.number),
              let items = content.requestedItems(applicant: applicant, today: services.clock.today),
              let state = record.stateValue,
              case .success(let phone) = MobilePhoneNumber.parse(
                  try services.cipher.open(record.contactPhoneSealed, context: ApplicationContent.phoneContext)),
              let application = AccountApplication(
                  number: number,
                  request: AccountApplicationRequest(applicant: applicant, contactName: record.contactName,
                                                     contactPhone: phone, items: items),
                  filedByAccount: record.filedByAccount, filedByPerson: record.filedByPerson, state: state,
                  carriedOut: record.carriedOutParts, decisionComment: record.decisionComment)
        else { throw Abort(.internalServerError, reason: "account application \(record.number) cannot be read") }

        var views: [LoadedApplication.ItemView] = []
        for (index, item) in content.items.enumerated() {
            views.append(try await itemView(item, index: index, applicantName: record.applicantUnitName, req: req))
        }
        let steps = try await AccountApplicationStep.query(on: db).filter(\.$applicationID == id).sort(\.$at).all()
        return LoadedApplication(
            id: id, application: application, content: content, applicantName: record.applicantUnitName,
            maskedContactPhone: phone.masked, filedAt: record.filedAt, items: views,
            steps: steps.map {
                LoadedApplication.StepView(at: $0.at, actorName: $0.actorName,
                                           actorPost: Post(rawValue: $0.actorPost)?.label ?? $0.actorPost,
                                           actorUnitName: $0.actorUnitName, action: $0.actionLabel, comment: $0.comment)
            })
    }

    private static func itemView(
        _ item: ApplicationContent.Item, index: Int, applicantName: String, req: Request
    ) async throws -> LoadedApplication.ItemView {
        let grants = item.kind == .changePermissions ? item.grantSetSorted : []
        if item.kind == .newAccount {
            return LoadedApplication.ItemView(
                index: index, kind: item.kind, personName: item.name ?? "",
                maskedIDNumber: Masking.maskedIDNumber(item.idNumber ?? ""), maskedPhone: Masking.maskedPhone(item.phone ?? ""),
                post: item.post, unitName: applicantName, grants: grants, accountID: item.accountID)
        }
        var summary: AccountSummary?
        if let id = item.accountID { summary = try await AccountQueries.find(id, on: req.db, cipher: req.jiujinban.cipher) }
        return LoadedApplication.ItemView(
            index: index, kind: item.kind, personName: summary?.name ?? "（账号不存在）",
            maskedIDNumber: summary?.maskedIDNumber ?? "", maskedPhone: summary?.maskedPhone ?? "",
            post: summary?.account.post, unitName: summary?.unitName ?? applicantName, grants: grants,
            accountID: item.accountID)
    }

    /// The applications `staff` sees, newest first, optionally in one state.
    static func list(for staff: SignedInStaff, state: AccountApplication.State?, on db: any Database) async throws
        -> [AccountApplicationRecord]
    {
        let query = AccountApplicationRecord.query(on: db)
        switch staff.account.unit {
        case .servicePoint:
            query.filter(\.$applicantUnitKey == AccountRecord.key(of: staff.account.unit))
        case .department(let code):
            query.filter(\.$applicantDivisionCode =~ code.scopePrefix)
            if code.depth == 0 { query.filter(\.$flow == AccountApplication.Flow.countyAdministratorAccounts.rawValue) }
        }
        if let state { query.filter(\.$state == state.rawValue) }
        let records = try await query.sort(\.$filedAt, .descending).limit(500).all()
        return records.filter { AccountApplicationAccess.sees($0, staff) }
    }
}

extension ApplicationContent.Item {
    var grantSetSorted: [ItemPermission] {
        (grants ?? []).compactMap(AccountsController.parseGrant).sorted()
    }
}
