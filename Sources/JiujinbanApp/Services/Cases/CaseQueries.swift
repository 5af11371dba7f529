import Fluent
import Foundation
import JiujinbanRules
import Vapor

// The case pages' use cases: each reads the store for one page and returns a plain value the page renders
// (`CasePages.swift`), so the same values can answer JSON later. Handlers stay thin: authorize, load, render.

/// 办件页面: one case as the viewer sees it, with the actions the viewer may take now.
struct CaseView: Sendable {
    struct Step: Sendable {
        let at: Date
        let actorUnitName: String
        let actorName: String
        let action: String
        let detail: String?
    }

    /// What the viewer may do now (`CaseFile.may`), decided by the query so the page only shows it.
    struct Actions: Sendable {
        var approve = false
        var returnForDocuments = false
        var resubmit = false
        /// 终止办理 of a case the core system returned.
        var close = false
        var any: Bool { approve || returnForDocuments || resubmit || close }
    }

    /// The person as the reviewer checks them: masked (`domain-rules.md` §10); the full values are on the person's
    /// page through the audited 显示完整信息.
    struct Person: Sendable {
        let id: UUID
        let maskedName: String
        let maskedIDNumber: String
        let age: Int?
        let residence: String
        /// The person's page opens for the viewer (`CitizenAccess.mayServe`): the case page links it only then.
        var pageOpens = true
    }

    /// What the reviewer had typed into a decision that was refused (a return without documents, a refusal without
    /// a reason), shown again with the problem.
    struct Typed: Sendable {
        var missing = ""
        var reason = ""
    }

    let id: UUID
    let number: String
    let itemText: String
    let maskedCitizenName: String
    var person: Person?
    var typed = Typed()
    /// What the operator entered (备注 included), as the reviewer reads it.
    var content: [CaseFormContent.Line] = []
    /// The item's own pages for this case (item 17's printed list, `ServiceItem.caseRecord`).
    var itemLinks: [ItemLink] = []
    /// What the case computed (a claim's monthly amount) and the figures it used, the waiting ones named.
    var computation: CaseComputation?
    let stateLabel: String
    let isReturned: Bool
    /// 核心系统退回: the page says what the point may do next.
    var isCoreReturned = false
    let acceptedOn: String
    /// 柜面, or the channel and actor of a case a kiosk, an interface client or the platform opened.
    var channelText: String = CaseChannel.counter.label
    let deadlineText: String
    let decisionReason: String?
    /// What `decisionReason` is: 不予办理理由, 核心系统退回原因 or 终止办理理由.
    var reasonLabel = "不予办理理由"
    /// 重新受理: the same item's form for the same person, offered beside 终止办理.
    var newCase: SiteURL?
    /// The item's own page for the point's work on the case (`ItemModule.work`): where it is done, and what was done.
    var work: ItemLink?
    let missing: [String]
    let steps: [Step]
    let actions: Actions
}

/// 受理回执 or 一次性告知单: what the printed form shows, the citizen's name already masked.
struct CaseReceipt: Sendable {
    let caseID: UUID
    let number: String
    let acceptedOn: String
    let maskedCitizenName: String
    let itemName: String
    let institution: String
    /// 柜面, or the channel and actor of a case a kiosk, an interface client or the platform opened.
    var channelText: String = CaseChannel.counter.label
    let deadlineText: String
    /// A returned case prints the one-time notice of what is missing instead of the receipt.
    let isNotice: Bool
    let stateLabel: String
    /// What the receipt says of the case in its state (`CaseFile.State.receiptWording`).
    let wording: String
    let missing: [String]
    /// What the case computed, printed with its parts and the figures still waiting for confirmation.
    var computation: CaseComputation?
}

/// 受理: the item's form for one citizen.
struct CaseForm: Sendable {
    let citizenID: UUID
    /// Masked (domain rules §10): the form's header; the full name is on the person's page after 显示完整信息.
    let maskedCitizenName: String
    let itemSeq: Int
    let itemName: String
    let timeLimitText: String
    let fields: [CaseFormField]
    /// 受理前测算: what accepting the form today would give (`ServiceItem.preview`), for the items that compute.
    var preview: CasePreview?
}

enum CaseQueries {
    /// The channel a case came through, and who acted when it was not counter staff (自助机（自助机 JJB-K-0001）).
    static func channelText(_ record: CaseRecord) -> String {
        record.channelValue.label + (record.actorLabel.isEmpty || record.actorKind == "staff" ? "" : "（\(record.actorLabel)）")
    }

    static func deadlineText(_ record: CaseRecord) -> String {
        (record.deadline ?? "即时办结") + (record.deadlineProvisional ? "（暂定）" : "")
    }

    static func view(
        _ record: CaseRecord, _ file: CaseFile, viewer staff: SignedInStaff, catalogue: ServiceCatalogue, calendar: WorkCalendar,
        today: CalendarDate, now: Date, cipher: PersonalDataCipher, on db: any Database
    ) async throws -> CaseView {
        let item = catalogue.items.first { $0.seq == record.itemSeq }
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: db)
        let id = try record.requireID()
        let steps = try await CaseStep.query(on: db).filter(\.$caseID == id).sort(\.$at).all()
        let deadlineStatus = DeadlineStatus.of(deadline: record.deadline.flatMap(CalendarDate.init(iso:)), finished: file.state.isFinal,
                                               today: today, nextWorkday: calendar.addingWorkingDays(1, to: today).date)
        func may(_ action: CaseFile.Action) -> Bool { file.may(staff.account, grants: staff.grants, action).isAllowed }
        var deadline = deadlineText(record)
        if !deadlineStatus.label.isEmpty { deadline += "，" + deadlineStatus.label }
        var person: CaseView.Person?
        if let citizen {
            let idNumber = try cipher.open(citizen.idNumberSealed, context: CitizenCrypto.idNumberContext)
            person = CaseView.Person(
                id: try citizen.requireID(), maskedName: citizen.maskedName, maskedIDNumber: Masking.maskedIDNumber(idNumber),
                age: CalendarDate(iso: citizen.birthDate).map { today.completedYears(since: $0) },
                residence: try await DivisionNames.path(citizen.residenceDivisionCode, on: db),
                pageOpens: try await CitizenAccess.mayServe(citizen, staff, now: now, on: db))
        }
        var content: [CaseFormContent.Line] = []
        var itemRecord: CaseItemRecord?
        if let item {
            let county = (try? DivisionCode(record.divisionCode))?.ancestor(atDepth: 2) ?? staff.county
            let module = try await ItemRegistry.make(item, county: county, on: db)
            content = CaseFormContent.lines(json: try cipher.open(record.formSealed, context: CaseRecord.formContext), fields: module.fields)
            itemRecord = try await module.caseRecord(caseID: id, on: db)
        }
        return CaseView(
            id: id, number: record.number, itemText: "第\(record.itemSeq)项 " + (item?.name ?? ""),
            maskedCitizenName: citizen?.maskedName ?? "", person: person, content: content + (itemRecord?.lines ?? []),
            itemLinks: itemRecord?.links ?? [],
            computation: try await CaseComputations.load(caseID: id, on: db),
            stateLabel: stateLabel(file), isReturned: file.state == .returned, isCoreReturned: file.state == .coreReturned,
            acceptedOn: record.acceptedOn,
            channelText: channelText(record), deadlineText: deadline,
            decisionReason: record.decisionReason, reasonLabel: reasonLabel(file.state, lastStep: steps.last?.action),
            newCase: file.state == .coreReturned ? .newCase(citizen: record.citizenID, item: record.itemSeq) : nil,
            work: item.flatMap { ItemRegistry.module(of: $0).work?(id) },
            missing: record.missingList,
            steps: steps.map { CaseView.Step(at: $0.at, actorUnitName: $0.actorUnitName, actorName: $0.actorName, action: $0.action,
                                             detail: $0.detail) },
            actions: CaseView.Actions(approve: may(.approve), returnForDocuments: may(.returnForDocuments(missing: ["x"])),
                                      resubmit: may(.resubmit), close: may(.close(reason: "x"))))
    }

    /// The state as the case page names it: an open case finished at its point waits for its point, not for review.
    static func stateLabel(_ file: CaseFile) -> String {
        file.finishedAtPoint && file.state == .accepted ? "已受理，待服务点办结" : file.state.label
    }

    /// The label of the reason a case keeps: the core system's while it is returned, the point's once it closed it.
    static func reasonLabel(_ state: CaseFile.State, lastStep: String?) -> String {
        switch state {
        case .coreReturned: "核心系统退回原因"
        case .rejected where lastStep == CaseFile.Action.close(reason: "").stepName: "终止办理理由"
        default: "不予办理理由"
        }
    }

    static func receipt(
        _ record: CaseRecord, _ file: CaseFile, citizen: CitizenRecord?, catalogue: ServiceCatalogue, on db: any Database
    ) async throws -> CaseReceipt {
        let item = catalogue.items.first { $0.seq == record.itemSeq }
        let point = try await ServicePoint.find(record.servicePointID, on: db)
        return CaseReceipt(
            caseID: try record.requireID(), number: record.number, acceptedOn: record.acceptedOn,
            maskedCitizenName: citizen?.maskedName ?? "", itemName: item?.name ?? "",
            institution: point?.institution ?? "", channelText: channelText(record), deadlineText: deadlineText(record), isNotice: file.state == .returned,
            stateLabel: file.state.label,
            wording: file.state.receiptWording(deadline: record.deadline.map { $0 + (record.deadlineProvisional ? "（暂定）" : "") }),
            missing: record.missingList, computation: try await CaseComputations.load(caseID: try record.requireID(), on: db))
    }

    static func form(
        citizen: CitizenRecord, item: ServiceCatalogue.Item, staff: SignedInStaff, today: CalendarDate, on db: any Database
    ) async throws -> CaseForm {
        // The engine's plug-in decides the fields; the page only lays them out.
        let module = try await ItemRegistry.make(item, county: staff.county, on: db)
        return CaseForm(citizenID: try citizen.requireID(), maskedCitizenName: citizen.maskedName, itemSeq: item.seq, itemName: item.name,
                        timeLimitText: item.timeLimitText, fields: module.fields.map { $0.arranged(for: staff.ownDivision) },
                        preview: try await module.preview(citizen: citizen, today: today, on: db))
    }
}

extension CaseFormPage {
    /// - Parameter fresh: a new form, whose place fields may start on the user's own village (`initialValues`); a
    ///   refused one is shown as it was submitted.
    static func respond(
        _ req: Request, citizen: CitizenRecord, item: ServiceCatalogue.Item, values: [String: String], errors: FieldErrors,
        status: HTTPStatus, fresh: Bool = false
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try await CaseQueries.form(citizen: citizen, item: item, staff: staff, today: req.jiujinban.clock.today, on: req.db)
        if form.preview != nil {
            // The preview reads the person's insurance ledger: each showing is audited, as the ledger's query pages are.
            try await req.write { db in
                try await req.audit(AuditEvent("case.preview", objectType: "citizen", objectID: form.citizenID.uuidString.lowercased(),
                                               detail: "第\(item.seq)项“\(item.name)”受理前测算"), on: db)
            }
        }
        let shown = fresh ? CaseFormField.initialValues(form.fields, for: staff.ownDivision).merging(values) { _, given in given } : values
        // A fresh submission key per rendering makes a double click harmless.
        return HTMLResponse.make(render(form, values: shown, errors: errors, submission: UUID(), context: PageContext(req)),
                                 status: status)
    }
}

extension CasePage {
    static func respond(_ req: Request, _ record: CaseRecord, _ file: CaseFile, error: String?, status: HTTPStatus,
                        typed: CaseView.Typed = CaseView.Typed()) async throws -> Response {
        let staff = try req.requireStaff()
        let calendar = try await WorkCalendarStore.calendar(req: req)
        var view = try await CaseQueries.view(record, file, viewer: staff, catalogue: req.jiujinban.catalogue, calendar: calendar,
                                              today: req.jiujinban.clock.today, now: req.jiujinban.clock.now(),
                                              cipher: req.jiujinban.cipher, on: req.db)
        view.typed = typed
        return HTMLResponse.make(render(view, error: error, context: PageContext(req)), status: status)
    }
}

extension CaseReceiptPage {
    static func respond(_ req: Request, _ record: CaseRecord, _ file: CaseFile, citizen: CitizenRecord?) async throws -> Response {
        let receipt = try await CaseQueries.receipt(record, file, citizen: citizen, catalogue: req.jiujinban.catalogue, on: req.db)
        return HTMLResponse.make(render(receipt, context: PageContext(req)))
    }
}
