import Plot
import Vapor

/// Turns a rendered Plot document into a response.
enum HTMLResponse {
    static func make(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: html.render()))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Post/redirect/get: after a successful form the browser lands on a page it can reload safely.
    static func seeOther(_ url: SiteURL) -> Response {
        Response(status: .seeOther, headers: ["Location": url.path])
    }

    /// Post/redirect/get with the message the next page shows once (`PageNotice`).
    static func seeOther(_ url: SiteURL, notice: PageNotice, on request: Request) -> Response {
        request.pendingNotice = notice
        return seeOther(url)
    }
}
