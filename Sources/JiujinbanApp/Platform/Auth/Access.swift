import Fluent
import JiujinbanRules
import Vapor

/// What a route requires. Every route states one when it is registered; `routes(_:)` has no other way in.
enum Access: Sendable, CustomStringConvertible {
    /// Reachable without a session (login, health, static files). Also listed in `PublicPaths`.
    case anonymous
    /// Any signed-in, active account.
    case signedIn
    /// A signed-in account whose post (and item grants) include the capability.
    case capability(Capability)
    /// A signed-in account with at least one of the capabilities (pages shared by system and business admins).
    case anyOf([Capability])

    /// Whether an account holding `capabilities` passes.
    func admits(_ capabilities: Set<Capability>) -> Bool {
        switch self {
        case .anonymous, .signedIn: true
        case .capability(let capability): capabilities.contains(capability)
        case .anyOf(let options): options.contains(where: capabilities.contains)
        }
    }

    var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .signedIn: "signedIn"
        case .capability(let capability): capability.label
        case .anyOf(let options): options.map(\.label).joined(separator: "或")
        }
    }
}

/// Refuses, with an audit row, a signed-in account that lacks the route's capability (S12), and audits the handler's
/// refusals of records outside the user's scope (`OutOfScope`, answered as 404). Future-based: an admitted request
/// passes straight on; only a refusal starts a task (to write its audit row).
struct AccessMiddleware: Middleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        admit(request, next).flatMapError { error in
            guard let refusal = error as? OutOfScope else { return request.eventLoop.makeFailedFuture(error) }
            return request.eventLoop.makeFutureWithTask { try await auditOutOfScope(request, refusal) }
        }
    }

    private func auditOutOfScope(_ request: Request, _ refusal: OutOfScope) async throws -> Response {
        // The route's pattern, not the path: the record is the object, and ids in the detail would only be masked.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? request.url.path
        try await request.write { db in
            try await request.audit(AuditEvent(
                "access.denied", objectType: refusal.objectType, objectID: refusal.objectID, result: .denied,
                detail: "超出数据范围：\(request.method.rawValue) \(route)"), on: db)
        }
        throw refusal.publicError
    }

    private func admit(_ request: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        do {
            switch access {
            case .anonymous:
                break
            case .signedIn:
                _ = try request.requireStaff()
            case .capability, .anyOf:
                let staff = try request.requireStaff()
                guard access.admits(staff.capabilities) else {
                    return request.eventLoop.makeFutureWithTask { try await refuse(request, staff) }
                }
            }
        } catch {
            return request.eventLoop.makeFailedFuture(error)
        }
        return next.respond(to: request)
    }

    private func refuse(_ request: Request, _ staff: SignedInStaff) async throws -> Response {
        try await request.write { db in
            try await request.audit(AuditEvent(
                "access.denied", objectType: "route", objectID: "\(request.method.rawValue) \(request.url.path)",
                result: .denied, detail: "缺少权限：\(access.description)"), on: db)
        }
        throw PublicError(.forbidden, "您的岗位（\(staff.account.post.label)）没有“\(access.description)”权限")
    }
}

extension Route {
    /// The access the route was registered with, for the route-walking tests.
    var access: Access? { userInfo["access"] as? Access }
}

extension RoutesBuilder {
    /// Registers a route with what it requires and how much body it accepts (forms by default, S24).
    @discardableResult
    func get<R: AsyncResponseEncodable>(
        _ url: SiteURL, _ access: Access, bodyLimit: ByteCount = BodyLimit.form,
        use handler: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        register(.GET, url, access, bodyLimit, handler)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(
        _ url: SiteURL, _ access: Access, bodyLimit: ByteCount = BodyLimit.form,
        use handler: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        register(.POST, url, access, bodyLimit, handler)
    }

    private func register<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: SiteURL, _ access: Access, _ bodyLimit: ByteCount,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        let route = grouped(AccessMiddleware(access: access))
            .on(method, url.pattern, body: .collect(maxSize: bodyLimit), use: handler)
        route.userInfo["access"] = access
        route.userInfo["bodyLimit"] = bodyLimit
        return route
    }
}
