import Foundation
import JiujinbanRules

// The 《就业创业证》 page's value: the controller reads the person, the card, the registrations and the case
// numbers the viewer may see; this turns them into what `RegistrationPages.card` shows, so the render takes no
// Fluent model.

/// The card as the page shows it.
struct EmploymentCardFacts: Sendable {
    let number: String
    let issuedOn: String
    let status: String
    let statusSince: String
}

/// One registration of the card's history, newest first.
struct RegistrationLine: Sendable {
    let kindLabel: String
    let summary: String
    let startedOn: String
    let approvedOn: String
    let caseID: UUID
    /// The case's number when the viewer may see the case; otherwise the page shows —.
    let caseNumber: String?
    /// 有效, or when and why it ended.
    let statusText: String
}

/// The active registration the page may offer to end.
struct ActiveRegistration: Sendable {
    let id: UUID
    let kind: EmploymentRegistrationKind
}

/// 《就业创业证》查询 (item 13).
struct EmploymentCardView: Sendable {
    let citizenID: UUID
    let maskedName: String
    let card: EmploymentCardFacts?
    let history: [RegistrationLine]
    /// Whether a registration is active, and its kind (nil when there is none or its kind is unknown).
    let hasActive: Bool
    let activeKind: EmploymentRegistrationKind?
    /// The active registration with a known kind: the one the end form ends.
    let endable: ActiveRegistration?
    let mayEnd: Set<EmploymentRegistrationKind>
    let mayRegisterFlexible: Bool
    let mayRegisterUnemployed: Bool
    let mayRecordQuery: Bool
}

enum RegistrationQueries {
    static func line(_ record: EmploymentRegistrationRecord, caseNumbers: [UUID: String]) -> RegistrationLine {
        RegistrationLine(kindLabel: record.kindValue?.label ?? record.kind, summary: record.summary, startedOn: record.startedOn,
                         approvedOn: CalendarDate(record.approvedAt).iso, caseID: record.caseID, caseNumber: caseNumbers[record.caseID],
                         statusText: record.isActive ? "有效" : "已于\(record.endedOn ?? "")终止（\(record.reason?.label ?? record.endReason ?? "")）")
    }

    static func card(citizen: CitizenRecord, card: EmploymentCardRecord?, history: [EmploymentRegistrationRecord], caseNumbers: [UUID: String],
                     mayEnd: Set<EmploymentRegistrationKind>, mayRegister: (flexible: Bool, unemployed: Bool), mayRecordQuery: Bool)
        throws -> EmploymentCardView
    {
        let active = history.first { $0.isActive }
        let endable = try active.flatMap { record in try record.kindValue.map { ActiveRegistration(id: try record.requireID(), kind: $0) } }
        return EmploymentCardView(
            citizenID: try citizen.requireID(), maskedName: Masking.maskedName(citizen.name),
            card: card.map { EmploymentCardFacts(number: $0.number, issuedOn: $0.issuedOn, status: $0.status, statusSince: $0.statusSince) },
            history: history.map { line($0, caseNumbers: caseNumbers) }, hasActive: active != nil, activeKind: active?.kindValue,
            endable: endable, mayEnd: mayEnd, mayRegisterFlexible: mayRegister.flexible, mayRegisterUnemployed: mayRegister.unemployed,
            mayRecordQuery: mayRecordQuery)
    }
}
