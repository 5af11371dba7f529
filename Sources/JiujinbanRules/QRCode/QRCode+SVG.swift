extension QRCode {
    /// Light modules the standard requires around the symbol so that readers can find its edge (§6.3.8).
    public static let quietZoneModules = 4

    /// A standalone SVG document of the symbol: a light background, one `<path>` with the dark modules, a quiet
    /// zone of four modules and a viewBox in modules, so the page may scale it while `crispEdges` keeps module
    /// edges sharp. It contains no script and no external reference, so it can be inlined into HTML as is.
    ///
    /// - Parameters:
    ///   - moduleSize: CSS pixels per module for the `width` and `height` attributes; at least 1.
    ///   - title: Accessible name, shown as a tooltip; escaped for XML.
    public func svg(moduleSize: Int = 4, title: String? = nil) -> String {
        precondition(moduleSize >= 1, "a module must be at least one pixel wide")
        let side = size + 2 * Self.quietZoneModules
        var document = """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(side * moduleSize)" \
            height="\(side * moduleSize)" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">
            """
        if let title {
            document += "<title>\(Self.xmlEscaped(title))</title>"
        }
        document += "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
        document += "<path fill=\"#000\" d=\"\(darkModulePathData())\"/></svg>"
        return document
    }

    /// One closed rectangle per horizontal run of dark modules, which keeps the path several times shorter
    /// than one square per module.
    func darkModulePathData() -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let runStart = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                let left = runStart + Self.quietZoneModules, top = y + Self.quietZoneModules
                path += "M\(left) \(top)h\(x - runStart)v1h-\(x - runStart)z"
            }
        }
        return path
    }

    /// Escapes markup characters and drops the control characters XML 1.0 forbids, which would otherwise make
    /// the whole document unreadable.
    static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
