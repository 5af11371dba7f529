import Foundation
import JiujinbanRules
import Vapor

/// A page or endpoint of the site: the route pattern it is registered under and its path with the parameters filled
/// in. Routes are registered from it and every link is built from it, so a view never contains a string URL and a
/// renamed path cannot leave a dead link behind.
///
/// Each feature declares its own, pattern and path side by side, in `SiteURL+<Feature>.swift` in its folder
/// (`SiteURL.divisions`, `SiteURL.caseFile(id:)`, …): adding a page edits no central list. `SiteURLTests` routes
/// every registered path back to its own route.
struct SiteURL: Sendable, Equatable {
    /// The route pattern, for registration (`["cases", ":id"]`).
    let pattern: [PathComponent]
    /// The path with parameters filled in, for links (`/cases/…`).
    let path: String
    /// The division whose page this is, for a route that opens it only within the user's data scope
    /// (`DataScope.showsDivisionPage`): a link to it is drawn only for users who would see it.
    let division: DivisionCode?

    init(_ pattern: [PathComponent], _ path: String, division: DivisionCode? = nil) {
        self.pattern = pattern
        self.path = path
        self.division = division
    }

    static func == (lhs: SiteURL, rhs: SiteURL) -> Bool { lhs.path == rhs.path }

    static func queryString(_ items: [(String, String)]) -> String {
        let kept = items.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) }
        return "?" + (components.percentEncodedQuery ?? "")
    }
}
