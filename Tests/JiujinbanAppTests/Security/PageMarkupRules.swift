/// What markup this application's pages may carry, checked on every page the hostile-text crawl reaches: the
/// attribute names it writes (text that breaks out of a value shows up as a name such as `x` or `onmouseover`),
/// no event handler, and scripts only by `src`, never inline.
enum PageMarkupRules {
    static let htmlAttributes: Set<String> = [
        "accept", "action", "alt", "autocomplete", "autofocus", "charset", "checked", "class", "cols", "colspan",
        "content", "datetime", "dir", "disabled", "download", "enctype", "for", "form", "formaction", "formmethod",
        "headers", "height", "hidden", "href", "id", "inputmode", "label", "lang", "list", "max", "maxlength", "method",
        "min", "minlength", "multiple", "name", "novalidate", "open", "pattern", "placeholder", "property", "readonly",
        "rel", "required", "role", "rows", "rowspan", "scope", "selected", "size", "span", "spellcheck", "src", "start",
        "step", "style", "tabindex", "target", "title", "type", "value", "width", "defer", "async",
    ]

    /// Inside inline `<svg>` (the login QR code and the service-point map).
    static let svgAttributes: Set<String> = [
        "xmlns", "version", "viewbox", "viewBox", "width", "height", "role", "class", "shape-rendering", "fill", "stroke",
        "d", "x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "fill-opacity", "stroke-opacity", "stroke-width", "font-size",
        "text-anchor", "transform", "aria-label",
    ]

    /// The problems of one element, empty when it is as the application writes its elements.
    static func problems(_ element: StrictHTML.Element) -> [String] {
        var problems: [String] = []
        for (name, _) in element.attributes {
            let lower = name.lowercased()
            if lower.hasPrefix("on") {
                problems.append("<\(element.name)> carries an event handler `\(name)`")
            } else if !isPlausible(lower, inSVG: element.inSVG) {
                problems.append("<\(element.name)> carries an attribute no page writes: `\(name)`")
            }
        }
        if element.name == "script" {
            if !element.content.isEmpty { problems.append("an inline <script>: \(element.content.prefix(60))") }
            if !(element.attribute("src")?.hasPrefix("/static/") ?? false) {
                problems.append("a <script> not loaded from /static/: \(element.attributes)")
            }
        }
        for forbidden in ["iframe", "object", "embed", "base", "frame"] where element.name == forbidden {
            problems.append("an unexpected <\(forbidden)>")
        }
        return problems
    }

    static func isPlausible(_ name: String, inSVG: Bool) -> Bool {
        if inSVG { return svgAttributes.contains(name) }
        if htmlAttributes.contains(name) { return true }
        for prefix in ["aria-", "data-"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            return !rest.isEmpty && rest.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }
        }
        return false
    }
}
