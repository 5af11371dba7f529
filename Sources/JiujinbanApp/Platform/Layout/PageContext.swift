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
        var unreadNotifications: Int = 0
    }

    let holdsDemoData: Bool
    let stylesheetVersion: String
    let path: String
    let user: User?
    let csrfToken: String?
    let capabilities: Set<Capability>
    /// The main navigation the features registered.
    let navigation: [NavigationEntry]
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
        badges = request.navigationBadges
        notice = request.shownNotice?.text
        if let staff = request.staff {
            user = User(name: staff.personName, post: staff.account.post, unitName: staff.unitName,
                        unreadNotifications: staff.unreadNotifications)
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
         badges: [NavigationBadge] = []) {
        self.holdsDemoData = holdsDemoData
        self.stylesheetVersion = stylesheetVersion
        self.path = path
        self.user = user
        self.csrfToken = csrfToken
        self.capabilities = capabilities
        self.navigation = navigation
        self.badges = badges
    }

    func may(_ capability: Capability) -> Bool { capabilities.contains(capability) }
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
