import Foundation
import JiujinbanRules

/// What the operator entered on a case's form, as the reviewer reads it: each field the item's form shows, with its
/// value as typed or chosen (the label of a choice, not its code). Confirmations and the values a start page filled
/// in are not shown; an item whose stored form names a field differently simply does not list it.
enum CaseFormContent {
    struct Line: Sendable, Equatable {
        let label: String
        let value: String
    }

    static func lines(json: String, fields: [CaseFormField]) -> [Line] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [] }
        return fields.compactMap { field -> Line? in
            let values = strings(object[field.name])
            guard !values.isEmpty else { return nil }
            let text: String
            switch field.kind {
            case .hidden, .confirmation: return nil
            case .text, .date, .derived: text = values.joined(separator: "、")
            case .choice(let options), .checkboxes(let options):
                text = values.flatMap { $0.split(separator: ",").map(String.init) }
                    .map { value in options.first { $0.value == value }?.label ?? value }.joined(separator: "、")
            case .groupedChoice(let choices), .place(let choices, _):
                text = values.map { choices.label(of: $0) ?? $0 }.joined(separator: "、")
            }
            return Line(label: field.label, value: text)
        }
    }

    /// A stored value as text: a string, a number, a list of them; nothing for what a page cannot show.
    private static func strings(_ value: Any?) -> [String] {
        switch value {
        case let text as String: text.isEmpty ? [] : [text]
        case let number as NSNumber: [number.stringValue]
        case let list as [Any]: list.flatMap { strings($0) }
        default: []
        }
    }
}
