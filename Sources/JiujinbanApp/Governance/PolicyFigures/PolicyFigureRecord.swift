import Fluent
import Foundation
import JiujinbanRules

/// One dated value of one policy figure (`PolicyFigureRow`), as stored.
///
/// `scope_code` is `province` or the county's 12-digit code; `valid_to` is the last day the value holds (inclusive)
/// and the empty text while the row is current, so the unique index on (key, scope_code, valid_to) of the rows not
/// 已更正 lets exactly one current row exist per figure: two successors racing on PostgreSQL cannot both leave an
/// open row. A row 已更正 (`superseded_by`, M0065) keeps its period beside its correction's, outside both indexes.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class PolicyFigureRecord: Model, @unchecked Sendable {
    static let schema = "policy_figures"
    static let provinceScope = "province"
    static let open = ""

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "scope_code") var scopeCode: String
    @Field(key: "valid_from") var validFrom: String
    @Field(key: "valid_to") var validTo: String
    /// The value in its stored form (`PolicyFigureValue.stored`); nil while a 待核实 figure has none.
    @OptionalField(key: "value") var value: String?
    @Field(key: "source") var source: String
    @Field(key: "confidence") var confidence: String
    @Field(key: "status") var status: String
    /// The account that set or confirmed the row; nil for the seeded rows.
    @OptionalField(key: "set_by") var setBy: UUID?
    @Field(key: "set_at") var setAt: Date
    /// 已更正: the row that replaced this 待核实 one, when, and by whom (M0065); nil while the row is read.
    @OptionalField(key: "superseded_by") var supersededBy: UUID?
    @OptionalField(key: "superseded_at") var supersededAt: Date?
    @OptionalField(key: "superseded_by_account") var supersededByAccount: UUID?

    init() {}

    init(id: UUID = UUID(), key: PolicyFigureKey, county: DivisionCode?, validFrom: CalendarDate, value: PolicyFigureValue?,
         source: String, confidence: PolicyFigureConfidence, status: PolicyFigureStatus, setBy: UUID?, setAt: Date) {
        self.id = id
        self.key = key.rawValue
        self.scopeCode = county?.value ?? Self.provinceScope
        self.validFrom = validFrom.iso
        self.validTo = Self.open
        self.value = value?.stored
        self.source = source
        self.confidence = confidence.rawValue
        self.status = status.rawValue
        self.setBy = setBy
        self.setAt = setAt
    }

    /// The row as the rules read it; nil for a row this build cannot read (an unknown key from a later build), which
    /// is left out rather than guessed.
    var row: PolicyFigureRow? {
        guard let id, let key = PolicyFigureKey(rawValue: key), let from = CalendarDate(iso: validFrom),
              let confidence = PolicyFigureConfidence(rawValue: confidence), let status = PolicyFigureStatus(rawValue: status)
        else { return nil }
        let county = scopeCode == Self.provinceScope ? nil : try? DivisionCode(scopeCode)
        if scopeCode != Self.provinceScope && county == nil { return nil }
        let value = value.flatMap { PolicyFigureValue(stored: $0, kind: key.definition.kind) }
        let supersession = supersededBy.map { PolicyFigureSupersession(correctionID: $0, at: supersededAt ?? setAt, byAccount: supersededByAccount) }
        return PolicyFigureRow(id: id, key: key, county: county, validFrom: from,
                               validTo: validTo == Self.open ? nil : CalendarDate(iso: validTo),
                               value: value, source: source, confidence: confidence, status: status, supersession: supersession)
    }
}
