import Vapor

/// What the page shell needs to know about the request, gathered once per page.
struct PageContext: Sendable {
    let holdsDemoData: Bool
    let stylesheetVersion: String
    let path: String

    init(_ request: Request) {
        holdsDemoData = request.application.holdsDemoData
        stylesheetVersion = request.application.jiujinban.assets.stylesheetVersion
        path = request.url.path
    }

    init(holdsDemoData: Bool, stylesheetVersion: String = "test", path: String = "/") {
        self.holdsDemoData = holdsDemoData
        self.stylesheetVersion = stylesheetVersion
        self.path = path
    }
}

/// One step of the breadcrumb trail.
struct Crumb: Sendable {
    let label: String
    let url: SiteURL?
}
