import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The account behind the current request, with everything authorization needs, loaded once per request.
struct SignedInStaff: Sendable {
    let account: StaffAccount
    let personName: String
    let grants: Set<ItemPermission>
    /// Names for the header: the unit (芮城县人社局, 令花社区党群服务中心).
    let unitName: String
    let sessionHash: String
    let csrfToken: String
    /// The header links' counts by key (unread notifications), read with the session (`SessionCount`).
    var counts: [String: Int] = [:]
    /// 显示完整信息's grant this session holds, if any (`RevealGrant.reveals(_:at:)` says whether it still holds).
    var revealGrant: RevealGrant? = nil

    var capabilities: Set<Capability> {
        account.isEffective ? Capability.granted(to: account.post, grants: grants, at: account.unit) : []
    }

    func may(_ capability: Capability) -> Bool { account.may(capability, grants: grants) }

    var scope: DataScope { account.unit.scope }

    var auditActor: AuditActor {
        AuditActor(userID: account.id, role: account.post.rawValue, orgUnit: AccountRecord.key(of: account.unit), ip: nil)
    }
}

extension Request {
    private struct StaffKey: StorageKey {
        typealias Value = SignedInStaff
    }

    /// The signed-in account, if any.
    var staff: SignedInStaff? {
        get { storage[StaffKey.self] }
        set { storage[StaffKey.self] = newValue }
    }

    /// Routes behind the session middleware always have one; a missing one is a programming error turned into 401.
    func requireStaff() throws -> SignedInStaff {
        guard let staff else { throw PublicError(.unauthorized, "请先登录") }
        return staff
    }

    /// The client address for the audit trail (the load balancer's X-Forwarded-For is not trusted here).
    var clientIP: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The actor to record in the audit trail.
    var auditActor: AuditActor {
        var actor = staff?.auditActor ?? AuditActor(userID: nil, role: nil, orgUnit: nil, ip: nil)
        actor.ip = clientIP
        return actor
    }

    /// Appends one audit row in the caller's transaction.
    func audit(_ event: AuditEvent, on db: any Database) async throws {
        try await AuditTrail.record(event, by: auditActor, at: jiujinban.clock.now(), key: jiujinban.keys.auditKey, on: db)
    }
}

extension SignedInStaff {
    /// The county the user works in (its own division for a city or province user): whose lists (gig skills, places)
    /// the forms offer.
    var county: DivisionCode { scopeRoot.ancestor(atDepth: 2) ?? scopeRoot }
}
