import Crypto
import Foundation
import JiujinbanRules
import Vapor

/// Files the pages need (the stylesheet), read once at boot from the module's resources and served from memory.
/// Nothing comes from a CDN: village offices may be offline from the internet.
public struct StaticAssets: Sendable {
    let stylesheet: String
    let loginScript: String
    /// The script of every page (`site.js`: the print buttons, the filter boxes of long lists).
    let siteScript: String
    /// The site's icon (`scripts/lib/make_favicon.py`): browsers ask for `/favicon.ico` on every page.
    let favicon: Data
    /// Short content hash, appended to the stylesheet link so browsers may cache it for long.
    let stylesheetVersion: String

    static func load() throws -> StaticAssets {
        let css = try String(contentsOf: try resourceURL("static/app.css"), encoding: .utf8)
        let digest = Hex.encode(SHA256.hash(data: Data(css.utf8)))
        let script = try String(contentsOf: try resourceURL("static/login.js"), encoding: .utf8)
        let site = try String(contentsOf: try resourceURL("static/site.js"), encoding: .utf8)
        let icon = try Data(contentsOf: try resourceURL("static/favicon.ico"))
        return StaticAssets(stylesheet: css, loginScript: script, siteScript: site, favicon: icon, stylesheetVersion: String(digest.prefix(12)))
    }

    /// A file under the module's `Assets` folder (copied into the resource bundle as is).
    static func resourceURL(_ relativePath: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else {
            throw Abort(.internalServerError, reason: "resource bundle missing")
        }
        let url = base.appendingPathComponent("Assets").appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Abort(.internalServerError, reason: "resource missing: \(relativePath)")
        }
        return url
    }
}

enum StaticAssetsController {
    static func register(_ app: Application) {
        app.get(.stylesheet, .anonymous) { req in
            serve(req.jiujinban.assets.stylesheet, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
        }
        app.get(.loginScript, .anonymous) { req in
            serve(req.jiujinban.assets.loginScript,
                  type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]))
        }
        app.get(.siteScript, .anonymous) { req in
            serve(req.jiujinban.assets.siteScript,
                  type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]))
        }
        app.get(.favicon, .anonymous) { req in
            serve(req.jiujinban.assets.favicon, type: HTTPMediaType(type: "image", subType: "x-icon"))
        }
    }

    static func serve(_ text: String, type: HTTPMediaType) -> Response {
        serve(Data(text.utf8), type: type)
    }

    static func serve(_ data: Data, type: HTTPMediaType) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return response
    }
}
