import Fluent
import Foundation
import JiujinbanRules
import NIOConcurrencyHelpers
import SQLKit

/// What the session middleware needs on every request, read in one query: session, account, person, unit name,
/// item grants, and the counts the features' header links show (`SessionCount`: unread notifications), each a
/// subquery the feature declares. Every page pays for this, so it stays plain SQL: building and decoding Fluent
/// models costs more than the database work here.
struct SessionLookup {
    let accountID: UUID
    let csrfToken: String
    let createdAt: Date
    let lastSeenAt: Date
    let personName: String
    let unitName: String
    /// The features' counts by key.
    let counts: [String: Int]
    /// nil when the stored account no longer reads as one (unknown post or status, a point that is gone).
    let account: StaffAccount?
    let grants: Set<ItemPermission>
    /// The session's 显示完整信息 grant, if it has one (possibly expired: the reader compares with its clock).
    let revealGrant: RevealGrant?

    static func find(tokenHash: String, counts: [SessionCount], on db: any Database) async throws -> SessionLookup? {
        let sql = db as! any SQLDatabase
        // Fixed text the features declared (never input); each aliased by its checked key.
        let countColumns = counts.map { ",\n    (\($0.subquery)) AS count_\($0.key)" }.joined()
        // The item grants come along as one `seq:action,…` list.
        let grantList: SQLQueryString = sql.dialect.name == "postgresql"
            ? "string_agg(g.item_seq || ':' || g.action, ',')" : "group_concat(g.item_seq || ':' || g.action, ',')"
        guard let row = try await sql.raw("""
            SELECT s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.reveal_subject, s.reveal_until, a.person_id, a.post, a.status,
                a.unit_division_code, a.unit_service_point_id, a.role_associated_at, p.name AS person_name,
                sp.kind AS point_kind, sp.institution AS point_institution, d.name AS division_name,
                (SELECT \(grantList) FROM account_grants g WHERE g.account_id = s.account_id) AS grants\(unsafeRaw: countColumns)
            FROM staff_sessions s
            JOIN staff_accounts a ON a.id = s.account_id
            JOIN staff_persons p ON p.id = a.person_id
            LEFT JOIN service_points sp ON sp.id = a.unit_service_point_id
            LEFT JOIN divisions d ON d.code = a.unit_division_code
            WHERE s.token_hash = \(bind: tokenHash)
            """).first() else { return nil }
        let accountID = try row.decode(column: "account_id", as: UUID.self)
        let divisionCode = try row.decode(column: "unit_division_code", as: String.self)
        let pointID = try row.decode(column: "unit_service_point_id", as: UUID?.self)
        let pointKind = try row.decode(column: "point_kind", as: String?.self).flatMap(ServicePointKind.init(rawValue:))
        var account: StaffAccount?
        if let post = Post(rawValue: try row.decode(column: "post", as: String.self)),
           let status = AccountStatus(rawValue: try row.decode(column: "status", as: String.self)),
           let division = try? DivisionCode(divisionCode) {
            let unit: OrgUnit? = switch (pointID, pointKind) {
            case (nil, _): .department(division)
            case (let id?, let kind?): .servicePoint(id: id, kind: kind, divisionCode: division)
            case (.some, nil): nil
            }
            account = unit.map {
                StaffAccount(id: accountID, personID: (try? row.decode(column: "person_id", as: UUID.self)) ?? accountID,
                             post: post, unit: $0, status: status,
                             roleAssociated: (try? row.decode(column: "role_associated_at", as: Date?.self)) != nil)
            }
        }
        let unitName = pointID == nil
            ? StaffDirectory.departmentName(try row.decode(column: "division_name", as: String?.self), code: divisionCode)
            : try row.decode(column: "point_institution", as: String?.self) ?? "服务点"
        return SessionLookup(
            accountID: accountID, csrfToken: try row.decode(column: "csrf_token", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self),
            personName: try row.decode(column: "person_name", as: String.self), unitName: unitName,
            counts: try Dictionary(uniqueKeysWithValues: counts.map { ($0.key, try row.decode(column: "count_" + $0.key, as: Int.self)) }),
            account: account,
            grants: grants(try row.decode(column: "grants", as: String?.self) ?? ""),
            revealGrant: try RevealGrant(subject: row.decode(column: "reveal_subject", as: UUID?.self),
                                         until: row.decode(column: "reveal_until", as: Date?.self)))
    }

    /// Parsed grant lists by their text: every request of a signed-in user reads its list, and the accounts of
    /// one post share a few dozen distinct lists.
    private static let parsedGrants = NIOLockedValueBox<[String: Set<ItemPermission>]>([:])

    static func grants(_ list: String) -> Set<ItemPermission> {
        if let known = parsedGrants.withLockedValue({ $0[list] }) { return known }
        let parsed = parse(grants: list)
        parsedGrants.withLockedValue { known in
            if known.count >= 4096 { known.removeAll() }
            known[list] = parsed
        }
        return parsed
    }

    private static func parse(grants list: String) -> Set<ItemPermission> {
        Set(list.split(separator: ",").compactMap { entry in
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let item = Int(parts[0]), let action = ItemPermission.Action(rawValue: String(parts[1])) else {
                return nil
            }
            return ItemPermission(item: item, action: action)
        })
    }
}
