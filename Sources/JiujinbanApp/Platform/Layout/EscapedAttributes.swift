import Plot

// Plot writes attribute values exactly as given (`name="value"`), so a `"` in a name would close the value and the
// rest would become markup (issue 19, finding 6). Every Plot API that writes a free string into an attribute is
// declared again below with the very same signature: within this module the compiler takes a declaration of
// this module over an imported one of the same signature, so `.href(x)`, `.attribute(named:value:)` … in any
// page here are these, and all of them escape through `Attribute.escaped`, the one place values are escaped.
// Plot's helpers that take only enums, numbers or booleans (`.type(.submit)`, `.method(.post)`) write constants and
// are left as they are. RawAttributeScanTests fails on any use of a Plot string attribute API without a declaration
// here, and on any attribute built around this file (`Attribute(name:…)`, raw markup, escaping by hand, which
// would escape twice). (In another module that imports both, such calls are ambiguous: tests render pages.)

extension Attribute {
    /// The one constructor of attributes in this module: the value escaped for a double-quoted attribute.
    static func escaped(_ name: String, _ value: String?, ignoreIfValueIsEmpty: Bool = true) -> Attribute {
        Attribute(name: name, value: value.map(HTMLEscaping.attributeValue), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty)
    }

    static func attribute(named name: String, value: String?) -> Attribute { .escaped(name, value) }
}

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute.escaped(name, value, ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { .escaped("id", id) }
    static func `class`(_ className: String) -> Attribute { .escaped("class", className) }
    static func data(named name: String, value: String) -> Attribute { .escaped("data-\(name)", value) }
    static func title(_ title: String) -> Attribute { .escaped("title", title) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-\(name)", value: value) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { .escaped("name", name) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context: HTMLTypeContext {
    static func type(_ type: String) -> Attribute { .escaped("type", type) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { .escaped("value", value) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { .escaped("href", url.description) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(named: "href", value: url.description) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { .escaped("src", url.description) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(named: "src", value: url.description) }
}

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node { .attribute(named: "datetime", value: datetime) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node { .attribute(named: "action", value: url.description) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { .escaped("placeholder", placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { .escaped("label", label, ignoreIfValueIsEmpty: false) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { .escaped("alt", text) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { .escaped("content", content) }
    static func property(_ property: String) -> Attribute { .escaped("property", property) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
    static func ariaControls(_ child: String) -> Node { .attribute(named: "aria-controls", value: child) }
}

extension Node where Context == HTML.HeadContext {
    /// `<title>` only. Plot's `.title` also writes `og:title`/`twitter:title` meta tags for link previews, which pages
    /// behind a sign-in never get; its text escaping also leaves `&amp;`-shaped text alone. The text here is ours.
    static func title(_ title: String) -> Node {
        .element(named: "title", nodes: [.text(title)])
    }

    static func stylesheet(_ url: URLRepresentable, integrity: String? = nil) -> Node {
        .link(.rel(.stylesheet), .href(url), .type("text/css"), .escaped("integrity", integrity))
    }
}
