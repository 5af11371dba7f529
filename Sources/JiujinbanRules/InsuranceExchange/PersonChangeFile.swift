import Foundation

/// A detail of the insured person that the counter may change on the spot (item 30) and the core system holds:
/// the non-key fields of `InsuredPersonField`, under the codes the person-change file names them by.
public enum PersonChangeField: String, CaseIterable, Sendable, Codable {
    case sex
    case ethnicity
    case residenceAddress = "residence_address"
    case phone

    public var chinese: String {
        switch self {
        case .sex: "性别"
        case .ethnicity: "民族"
        case .residenceAddress: "居住地址"
        case .phone: "联系电话"
        }
    }

    /// Personal data: sealed at rest as the citizen record seals it, written in full only into the core system's file.
    public var isPersonalData: Bool { self == .residenceAddress || self == .phone }
}

/// The person-change file of the exchange with the core system, version 1 (docs/insurance-exchange.md), written by
/// `export-pending` beside the outbound file: one line per changed field of a 人员信息变更 record, with its value
/// before and after the change. The core system answers its records in the same acknowledgement file as the
/// outbound file's (`Acknowledgement`: the record ids never collide).
public enum PersonChangeFile {
    public static let version = "1"

    public static let header: [String] = [
        "format_version", "record_id", "row", "case_number", "created_at", "id_number", "name", "hukou_division", "scheme",
        "field", "before", "after",
    ]

    /// One line: the record's and person's cells by name, and one changed field with its two values as stored
    /// (personal data already opened; `nil` before: not recorded).
    public static func line(_ cells: [String: String], field: PersonChangeField, before: String?, after: String) -> [String] {
        let values = ["field": field.rawValue, "before": Self.value(field, before), "after": Self.value(field, after)]
        return header.map { $0 == "format_version" ? version : values[$0] ?? cells[$0] ?? "" }
    }

    /// A value as the file writes it: sex as 男/女 (the record keeps its code), anything else as it is.
    static func value(_ field: PersonChangeField, _ stored: String?) -> String {
        guard let stored else { return "" }
        return field == .sex ? Sex(rawValue: stored)?.chinese ?? stored : stored
    }

    /// What the returned case's reason adds when a rejection could not restore every field, because a later case
    /// changed it since: "；居住地址、联系电话已在此后被其他办件变更，保留新值，未恢复"; nil when all were restored.
    public static func keptNote(_ kept: [PersonChangeField]) -> String? {
        guard !kept.isEmpty else { return nil }
        let names = PersonChangeField.allCases.filter(kept.contains).map(\.chinese).joined(separator: "、")
        return "；\(names)已在此后被其他办件变更，保留新值，未恢复"
    }
}
