import JiujinbanRules
import Plot

extension Node where Context == HTML.SelectContext {
    /// `<option value="…">label</option>`. Plot's own option takes attributes only; this keeps the label as text
    /// (shown by every browser) and keeps an empty value (the "请选择" choice) instead of dropping it.
    static func choice(_ value: String, _ label: String, selected: Bool = false) -> Node {
        .element(named: "option", nodes: [
            .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            .attribute(named: "selected", value: selected ? "selected" : nil),
            .text(label),
        ])
    }

    /// A grouped list's options: the loose ones, then one `<optgroup>` per group.
    static func choices(_ choices: GroupedChoices, selected: String?) -> Node {
        .group(
            .forEach(choices.loose) { .choice($0.value, $0.label, selected: $0.value == selected) },
            .forEach(choices.groups) { group in
                .element(named: "optgroup", nodes: [
                    .attribute(named: "label", value: group.label),
                    .forEach(group.choices) { .choice($0.value, $0.label, selected: $0.value == selected) },
                ])
            })
    }
}

/// Text nodes in every HTML context of this module's pages. Plot's own `Node.text` escapes by building a new string for
/// every character (profiling put it at a tenth of a page's CPU), and leaves anything shaped like a character
/// reference alone, so a name typed as `A&amp;B` would show as `A&B`. This one passes text holding none of `&`, `<`,
/// `>` through as it is and escapes exactly those three otherwise. Declared for HTML contexts, it is the one the
/// compiler picks over Plot's unconstrained `Node.text`.
extension Node where Context: HTMLContext {
    static func text(_ text: String) -> Node {
        .raw(HTMLEscaping.text(text))
    }
}

enum HTMLEscaping {
    /// `&`, `<` and `>` as character references: what text between tags needs.
    static func text(_ text: String) -> String {
        escape(text, textReference)
    }

    /// `&`, `<`, `>`, `"` and `'` as character references. Only `Attribute.escaped` (EscapedAttributes.swift) calls it,
    /// for every attribute of every page; a page that called it too would escape twice.
    static func attributeValue(_ text: String) -> String {
        escape(text) { byte in
            switch byte {
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: textReference(byte)
            }
        }
    }

    private static func textReference(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        default: nil
        }
    }

    /// `text` with every byte `reference` names replaced; the same string when there is none (the usual case). Only
    /// ASCII bytes are replaced, so UTF-8 sequences pass through whole.
    private static func escape(_ text: String, _ reference: (UInt8) -> StaticString?) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { reference($0) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        bytes.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            if let replacement = reference(byte) {
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Node where Context == HTML.FormContext {
    /// `<legend>`: the caption of a fieldset (Plot has none).
    static func legend(_ text: String) -> Node {
        .element(named: "legend", nodes: [.text(text)])
    }
}
