import Plot

extension Node where Context == HTML.SelectContext {
    /// `<option value="…">label</option>`. Plot's own option takes attributes only; this keeps the label as text
    /// (shown by every browser) and keeps an empty value (the "请选择" choice) instead of dropping it.
    static func choice(_ value: String, _ label: String, selected: Bool = false) -> Node {
        .element(named: "option", nodes: [
            .attribute(named: "value", value: AttributeText.escape(value), ignoreIfValueIsEmpty: false),
            .attribute(named: "selected", value: selected ? "selected" : nil),
            .text(label),
        ])
    }
}

extension Node where Context == HTML.FormContext {
    /// `<legend>`: the caption of a fieldset (Plot has none).
    static func legend(_ text: String) -> Node {
        .element(named: "legend", nodes: [.text(text)])
    }
}

/// Plot writes attribute values exactly as given, so a value that may carry user text is escaped here first, or a
/// typed `"` would end the attribute (S23).
enum AttributeText {
    static func escape(_ raw: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(raw.utf8.count)
        for character in raw {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
