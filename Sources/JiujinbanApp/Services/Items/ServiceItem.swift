import Fluent
import Foundation
import JiujinbanRules

/// One service item as the case engine knows it: its form as a value type, the validation that makes that value
/// (every problem named by field, in Chinese), the checks against stored records, and the effect of an accepted or
/// approved case. The engine does the rest (who may act, numbering, deadline, review, timeline, receipt, audit).
///
/// Every channel submits a form as strings (`SubmittedForm`: an HTML form, a kiosk screen, a JSON body); the item
/// turns it into its `Form` once. The case keeps that `Form` sealed, and the effect receives it typed again.
protocol ServiceItem: Sendable {
    associatedtype Form: Codable & Sendable

    /// The catalogue's entry for this item (name, requirement, time limit, channels).
    var item: ServiceCatalogue.Item { get }
    /// The fields its form shows, in order.
    var fields: [CaseFormField] { get }
    /// Checks the form and the citizen; the typed form, or every problem named by field.
    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors>
    /// The checks that need stored records (item 11 refuses someone recorded as employed), named by field like
    /// `validate`'s and shown with them; run before anything is written. `form` is the typed form, or nil when
    /// `validate` refused it: the checks about the person still run, so the clerk sees every problem at once.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors
    /// What the case changes in the item's own records, inside the transaction that finishes it: at acceptance for an
    /// item finished at once (即时办结), at approval for a reviewed one. A thrown error undoes the whole step.
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws
    /// What the case keeps beside its form once accepted (a claim's computation with the policy figures it used),
    /// inside the acceptance's transaction, for every item, reviewed or not.
    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws
    /// The page the item starts from when its form needs more than fields (item 2 starts from the ranked postings).
    func startPage(citizen: UUID) -> SiteURL?
    /// What accepting the form today would give, by the code acceptance runs, for the form page to show before
    /// anything is written (`CasePreview`); nil for an item with nothing to work out. Reads only.
    func preview(citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> CasePreview?
    /// What the case page shows of the records the case's effect wrote (item 16's key groups with their bases) and
    /// the pages of its own it leads to (item 17's printed list); nil for an item whose form says it all. Reads only.
    func caseRecord(caseID: UUID, on db: any Database) async throws -> CaseItemRecord?
}

extension ServiceItem {
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        FieldErrors()
    }
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {}
    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {}
    func startPage(citizen: UUID) -> SiteURL? { nil }
    func preview(citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> CasePreview? { nil }
    func caseRecord(caseID: UUID, on db: any Database) async throws -> CaseItemRecord? { nil }

    /// `validate` and `check` together: the typed form encoded for the case to keep, or every problem the form and
    /// the stored records show.
    func examine(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws
        -> Result<ValidatedForm, FieldErrors>
    {
        var typed: Form?
        var errors = FieldErrors()
        switch validate(form, citizen: citizen, today: today) {
        case .success(let value): typed = value
        case .failure(let found): errors = found
        }
        for problem in try await check(typed, citizen: citizen, today: today, on: db).problems {
            errors.add(problem.field, problem.message)
        }
        guard errors.isEmpty, let typed else { return .failure(errors) }
        guard let data = try? Self.encoder.encode(typed) else {
            errors.add("form", "表单内容无法保存，请重新填写")
            return .failure(errors)
        }
        return .success(ValidatedForm(json: String(decoding: data, as: UTF8.self)))
    }

    /// The effect of a case whose form was kept as `json` (see `ValidatedForm`).
    func takeEffect(json: String, of effect: CaseEffect, on db: any Database) async throws {
        try await takeEffect(try decoded(json), of: effect, on: db)
    }

    /// What an accepted case keeps beside the form it was kept as (`json`).
    func recordAcceptance(json: String, of effect: CaseEffect, on db: any Database) async throws {
        try await recordAcceptance(try decoded(json), of: effect, on: db)
    }

    private func decoded(_ json: String) throws -> Form {
        do { return try JSONDecoder().decode(Form.self, from: Data(json.utf8)) } catch {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法办理“\(item.name)”")
        }
    }

    /// Sorted keys: the same form always seals to the same text.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

/// A form as a channel submitted it: every value a string, by field name.
struct SubmittedForm: Sendable {
    let values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    /// The values of an item's `fields` from what a channel sent, each field once. A checkbox field is read as
    /// sent (`"a,b"`) or, from an HTML form, from its ticked boxes (`<name>_<value>=yes`): the offered boxes in their
    /// order, then any other ticked box (a choice withdrawn since the form was drawn), which reaches the item to be
    /// refused by name rather than silently dropped.
    init(_ sent: [String: String], fields: [CaseFormField]) {
        self.init(Dictionary(uniqueKeysWithValues: fields.map { field -> (String, String) in
            guard case .checkboxes(let options) = field.kind, sent[field.name] == nil else {
                return (field.name, sent[field.name] ?? "")
            }
            let prefix = "\(field.name)_"
            let offered = options.map(\.value)
            let ticked = offered.filter { sent[prefix + $0] == "yes" }
            let others = sent.filter { $0.key.hasPrefix(prefix) && $0.value == "yes" }.map { String($0.key.dropFirst(prefix.count)) }
                .filter { !offered.contains($0) }.sorted()
            return (field.name, (ticked + others).joined(separator: ","))
        }))
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Whether a confirmation (材料已核验) was ticked.
    func confirmed(_ name: String) -> Bool { values[name] == "yes" }
}

/// What an item adds to its case page (`ServiceItem.caseRecord`): lines below the form's, and links, each drawn only
/// where the viewer may open it.
struct CaseItemRecord: Sendable {
    let lines: [CaseFormContent.Line]
    let links: [ItemLink]
}

/// An item's typed form, validated and encoded (JSON) for the case to keep sealed.
struct ValidatedForm: Sendable {
    let json: String
}

/// The case an item's effect belongs to.
struct CaseEffect: Sendable {
    let caseID: UUID
    let caseNumber: String
    let citizenID: UUID
    let servicePointID: UUID
    /// The staff account that finished the case; none when a kiosk, an interface client or the platform did.
    let actorAccount: UUID?
    let at: Date
    let today: CalendarDate
    /// For an effect that stores personal data of its own (a recruiter's phone).
    let cipher: PersonalDataCipher
    /// Appends an audit row, by the case's actor, in the effect's transaction: for a change beyond the case itself
    /// that an assessor must find by its own object (item 30's corrected sex).
    let audit: @Sendable (AuditEvent, any Database) async throws -> Void

    /// The staff account an effect records as having decided (an approval is always staff's).
    func requireStaffAccount() throws -> UUID {
        guard let actorAccount else { throw PublicError(.forbidden, "该事项须由工作人员审核办理") }
        return actorAccount
    }
}

/// One field of an item's form.
struct CaseFormField: Sendable {
    enum Kind: Sendable {
        case text(maxLength: Int)
        /// One of a list (`value`, `label`).
        case choice([FormFields.Option])
        /// One of a long list in groups, with a box that narrows it as one types (occupations by major group).
        case groupedChoice(GroupedChoices)
        /// A division, grouped by township, the user's own township's group first; with `preselectOwn`, a new form
        /// starts on the user's own village or community (`PlaceChooser.initial`).
        case place(GroupedChoices, preselectOwn: Bool)
        case date
        /// Filled by the page the item starts from (`startPage`), not typed.
        case hidden
        /// Worked out by the item from the other fields when it validates (item 2's 推荐结果): the form draws
        /// nothing for it, and the case page shows it beside what was typed.
        case derived
        /// Several of a list, ticked; the value is the ticked values joined by commas (each box is sent as
        /// `<name>_<value>=yes`).
        case checkboxes([FormFields.Option])
        /// A statement the operator confirms (材料已核验).
        case confirmation
    }

    let name: String
    let label: String
    let kind: Kind
    let required: Bool

    /// The confirmation every item asks for: the documents its service guide lists were checked.
    static func documentsChecked(_ item: ServiceCatalogue.Item) -> CaseFormField {
        CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true)
    }
}

extension FieldErrors {
    /// Adds the refusal of an unconfirmed document check.
    mutating func requireDocuments(_ form: SubmittedForm, _ item: ServiceCatalogue.Item) {
        if !form.confirmed("documents_checked") { add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
    }
}
