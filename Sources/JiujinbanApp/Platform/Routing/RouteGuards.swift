import JiujinbanRules
import Vapor

/// Who may open each page, read from the routes as they were registered (`RoutesBuilder.get(_:_:use:)`): the
/// route's guard is the one statement of it. Links ask it (`PageContext.mayOpen`), so a page shows a link only to
/// a user the route would let in, and a guard changed on the route changes every link to it.
struct RouteGuards: Sendable {
    private let pages: [String: Access]

    /// The guards of the GET routes among `routes`.
    init(_ routes: [Route]) {
        self.init(pages: routes.filter { $0.method == .GET }.compactMap { route in route.access.map { (route.path, $0) } })
    }

    /// The guards of pages given by their route patterns (page tests render without an application).
    init(pages: [([PathComponent], Access)]) {
        self.pages = Dictionary(pages.map { (Self.key($0.0), $0.1) }) { _, last in last }
    }

    /// Whether a user holding `capabilities` (nil: nobody signed in) passes the guard of `url`'s page. A path no GET
    /// route serves opens for nobody, so a link to it is never drawn.
    func admits(_ url: SiteURL, _ capabilities: Set<Capability>?) -> Bool {
        guard let access = pages[Self.key(url.pattern)] else { return false }
        switch access {
        case .anonymous: return true
        case .signedIn: return capabilities != nil
        case .capability, .anyOf: return access.admits(capabilities ?? [])
        }
    }

    private static func key(_ pattern: [PathComponent]) -> String {
        pattern.map(\.description).joined(separator: "/")
    }
}

extension Application {
    private struct RouteGuardsKey: StorageKey { typealias Value = RouteGuards }

    /// The pages' guards, taken once every feature has registered its routes (`FeatureSet.routes`); before that, no
    /// page opens.
    var routeGuards: RouteGuards {
        get { storage[RouteGuardsKey.self] ?? RouteGuards([]) }
        set { storage[RouteGuardsKey.self] = newValue }
    }
}
