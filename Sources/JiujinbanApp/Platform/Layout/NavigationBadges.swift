import Fluent
import JiujinbanRules
import Vapor

/// A count shown beside a link of the main navigation (办件 · 待审核 3): what waits for the signed-in user there.
struct NavigationBadge: Sendable, Equatable {
    /// The path of the navigation entry it belongs to (`NavigationEntry.url.path`).
    let path: String
    let label: String
    let count: Int
}

/// Where the badges come from: the feature that knows the work tables registers one reader (`Application.navigationBadges`);
/// the platform only asks it once per page and hands the answer to the page shell. The reader must cost one query;
/// it gets the request, so what it read can be kept for the page's own use (the home page lists the same counts).
struct NavigationBadgeReader: Sendable {
    let read: @Sendable (SignedInStaff, Request) async throws -> [NavigationBadge]
}

extension Application {
    private struct BadgeReaderKey: StorageKey { typealias Value = NavigationBadgeReader }

    var navigationBadges: NavigationBadgeReader? {
        get { storage[BadgeReaderKey.self] }
        set { storage[BadgeReaderKey.self] = newValue }
    }
}

extension Request {
    private struct BadgesKey: StorageKey { typealias Value = [NavigationBadge] }

    /// The badges read for this request's page (`NavigationBadgeMiddleware`); empty when none were read.
    var navigationBadges: [NavigationBadge] {
        get { storage[BadgesKey.self] ?? [] }
        set { storage[BadgesKey.self] = newValue }
    }
}

/// Reads the badges once for a page a signed-in user asks for: GET requests outside the static assets only, so a
/// form's POST, a script or the stylesheet costs nothing. Installed after the session middleware. A failure to read
/// them never fails the page: the navigation is drawn without counts.
struct NavigationBadgeMiddleware: AsyncMiddleware {
    /// Paths that never render the navigation.
    static let skippedPrefixes = ["/static/", "/favicon", "/healthz", "/metrics", "/api/"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, let staff = request.staff, let reader = request.application.navigationBadges,
           !Self.skippedPrefixes.contains(where: { request.url.path.hasPrefix($0) }) {
            do {
                request.navigationBadges = try await reader.read(staff, request)
            } catch {
                request.logger.warning("navigation counts not read: \(String(reflecting: type(of: error)))")
            }
        }
        return try await next.respond(to: request)
    }
}
