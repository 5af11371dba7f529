import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 缴费信息查询 (item 33) and 待遇发放记录查询 (item 36): a person's ledger read in one query
/// (`InsuranceLedger.view`), shown to whoever may serve the person (`CitizenAccess`: their division, or found by the
/// full ID number), each reading audited; a person outside the scope is refused (403) and the refusal audited.
enum LedgerQueriesController {
    static func register(_ app: Application) {
        app.get(.insuranceContributions(citizen: UUID()), .capability(.serveCitizens), use: contributions)
        app.get(.insurancePayments(citizen: UUID()), .capability(.serveCitizens), use: payments)
    }

    @Sendable static func contributions(_ req: Request) async throws -> Response {
        let view = try await load(req, action: "insurance.contributions.view", querySeq: ContributionQueryItem.seq)
        return HTMLResponse.make(LedgerQueryPages.contributions(view, context: PageContext(req)))
    }

    @Sendable static func payments(_ req: Request) async throws -> Response {
        var view = try await load(req, action: "insurance.payments.view", querySeq: PaymentRecordsQueryItem.seq)
        view.monthAmounts = try await MonthComposition.amounts(view.ledger, born: view.born, month: PensionMonth(containing: view.today), on: req.db)
        return HTMLResponse.make(LedgerQueryPages.payments(view, context: PageContext(req)))
    }

    static func load(_ req: Request, action: String, querySeq: Int) async throws -> LedgerQueryView {
        let staff = try req.requireStaff()
        let citizen = try await CitizenAccess.require(req.parameters.get("citizen"), req: req)
        let id = try citizen.requireID()
        let ledger = try await InsuranceLedger.view(of: id, cipher: req.jiujinban.cipher, on: req.db)
        try await req.write { db in
            try await req.audit(AuditEvent(action, objectType: "citizen", objectID: id.uuidString.lowercased()), on: db)
        }
        let idNumber = try req.jiujinban.cipher.open(citizen.idNumberSealed, context: CitizenCrypto.idNumberContext)
        return LedgerQueryView(
            citizenID: id, maskedName: citizen.maskedName, maskedIDNumber: Masking.maskedIDNumber(idNumber),
            today: req.jiujinban.clock.today, born: CalendarDate(iso: citizen.birthDate), ledger: ledger, querySeq: querySeq,
            mayRecordQuery: CaseFile.mayAccept(staff.account, item: querySeq, grants: staff.grants).isAllowed)
    }
}

/// What the two query pages render: the person (masked), the ledger as plain values, and whether the user may
/// record the query as the item's case.
struct LedgerQueryView: Sendable {
    let citizenID: UUID
    let maskedName: String
    let maskedIDNumber: String
    let today: CalendarDate
    let born: CalendarDate?
    let ledger: InsuranceLedgerView
    let querySeq: Int
    let mayRecordQuery: Bool
    /// Item 36: each entitlement's amount this month as the payment run pays it (`MonthComposition`).
    var monthAmounts: [InsuranceScheme: MonthlyRerating.Amount] = [:]
}
