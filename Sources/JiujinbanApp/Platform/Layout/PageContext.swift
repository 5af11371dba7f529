import JiujinbanRules
import Plot
import Vapor

/// What the page shell needs to know about the request, gathered once per page.
struct PageContext: Sendable {
    /// Who is signed in, for the header.
    struct User: Sendable {
        let name: String
        let post: Post
        let unitName: String
        /// The header links' counts by key (`SessionCount`).
        var counts: [String: Int] = [:]
    }

    let holdsDemoData: Bool
    let stylesheetVersion: String
    let path: String
    let user: User?
    let csrfToken: String?
    let capabilities: Set<Capability>
    /// The main navigation the features registered.
    let navigation: [NavigationEntry]
    /// The links of the user's box in the header, as the features registered them.
    let headerLinks: [HeaderLink]
    /// Who may open each page (`mayOpen`), and the signed-in user's data scope.
    let routes: RouteGuards
    let scope: DataScope?
    /// What waits for the user behind navigation links (办件 · 待审核 3), read once per page (`NavigationBadgeMiddleware`).
    var badges: [NavigationBadge] = []
    /// The success message of the action that led here, shown once (`PageNotice`).
    var notice: String?
    /// What a feature adds to the context of its own pages (the citizen a counter search is done for, …), under
    /// keys the feature declares: the platform knows none of them.
    var extras = PageExtras()

    init(_ request: Request) {
        holdsDemoData = request.application.holdsDemoData
        stylesheetVersion = request.application.jiujinban.assets.stylesheetVersion
        path = request.url.path
        navigation = request.application.features.navigation
        headerLinks = request.application.features.headerLinks
        routes = request.application.routeGuards
        scope = request.staff?.scope
        badges = request.navigationBadges
        notice = request.shownNotice?.text
        if let staff = request.staff {
            user = User(name: staff.personName, post: staff.account.post, unitName: staff.unitName,
                        counts: staff.counts)
            csrfToken = staff.csrfToken
            capabilities = staff.capabilities
        } else {
            user = nil
            csrfToken = nil
            capabilities = []
        }
    }

    init(holdsDemoData: Bool, stylesheetVersion: String = "test", path: String = "/", user: User? = nil,
         csrfToken: String? = nil, capabilities: Set<Capability> = [], navigation: [NavigationEntry] = [],
         headerLinks: [HeaderLink] = [], routes: RouteGuards = RouteGuards([]), scope: DataScope? = nil,
         badges: [NavigationBadge] = []) {
        self.routes = routes
        self.scope = scope
        self.holdsDemoData = holdsDemoData
        self.stylesheetVersion = stylesheetVersion
        self.path = path
        self.user = user
        self.csrfToken = csrfToken
        self.capabilities = capabilities
        self.navigation = navigation
        self.headerLinks = headerLinks
        self.badges = badges
    }

    func may(_ capability: Capability) -> Bool { capabilities.contains(capability) }

    /// Whether the signed-in user may open `url`: its route's guard admits the user, and a division's page lies in
    /// the user's scope. A page draws a link only where this holds (issue 22: no link answers 403 or 404).
    func mayOpen(_ url: SiteURL) -> Bool {
        guard routes.admits(url, user == nil ? nil : capabilities) else { return false }
        guard let division = url.division else { return true }
        return scope?.showsDivisionPage(division) ?? false
    }
}

/// Values features attach to a page's context, each under a key type of the feature's own (as Vapor's `Storage`).
struct PageExtras: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    subscript<Key: PageExtraKey>(_ key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// The key of a value a feature attaches to its pages' context.
protocol PageExtraKey {
    associatedtype Value: Sendable
}

/// One step of the breadcrumb trail.
struct Crumb: Sendable {
    let label: String
    let url: SiteURL?
}

extension Node where Context == HTML.FormContext {
    /// The per-session anti-forgery token every state-changing form carries (S09).
    static func csrf(_ context: PageContext) -> Node {
        .unwrap(context.csrfToken) { token in
            .input(.type(.hidden), .name(SessionMiddleware.csrfField), .value(token))
        }
    }
}

extension Node where Context == HTML.BodyContext {
    /// A link to `url` for a user who may open it (`PageContext.mayOpen`); for anyone else its label as plain text.
    static func link(to url: SiteURL, _ label: String, context: PageContext) -> Node {
        context.mayOpen(url) ? .a(.href(url.path), .text(label)) : .text(label)
    }
}
