import Plot

extension Node where Context == HTML.SelectContext {
    /// `<option value="…">label</option>`. Plot's own option takes attributes only; this keeps the label as text
    /// (shown by every browser) and keeps an empty value (the "请选择" choice) instead of dropping it.
    static func choice(_ value: String, _ label: String, selected: Bool = false) -> Node {
        .element(named: "option", nodes: [
            .attribute(named: "value", value: HTMLEscaping.attributeValue(value), ignoreIfValueIsEmpty: false),
            .attribute(named: "selected", value: selected ? "selected" : nil),
            .text(label),
        ])
    }
}

extension Attribute where Context: HTMLValueContext {
    /// `value="…"` for text that came from a person or a request (a refused form shown again, a search term).
    /// Plot writes attribute values exactly as given, so a quote in the text would close the attribute and the
    /// rest would become markup; this escapes it first.
    static func escapedValue(_ value: String) -> Attribute {
        .value(HTMLEscaping.attributeValue(value))
    }
}

enum HTMLEscaping {
    /// `&`, `<`, `>`, `"` and `'` as character references.
    static func attributeValue(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension Node where Context == HTML.FormContext {
    /// `<legend>`: the caption of a fieldset (Plot has none).
    static func legend(_ text: String) -> Node {
        .element(named: "legend", nodes: [.text(text)])
    }
}
