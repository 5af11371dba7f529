import Foundation
import JiujinbanRules
import Vapor

/// Searches and lists are audited like the pages they open: one row per search that ran. The division searched
/// (the place chosen, or the user's own division for a list of residents) is the row's object; the detail names the
/// other filters used (codes, numbers, dates and the keywords typed, as `key=value`) and how many results were
/// counted. The people a list shows are never named; the trail sanitizes the detail again (no full ID number or
/// phone, which is also why a twelve-digit division code goes in the object, not the detail).
enum SearchAudit {
    /// `skill=harvest page=2；3人`, or just `3人` when no other filter was used.
    static func detail(_ filters: [(String, String)], found: String) -> String {
        let used = filters.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }
        return used.isEmpty ? found : used.joined(separator: " ") + "；" + found
    }
}

extension Request {
    /// Writes the search's audit row in its own short transaction (a search changes nothing else).
    func auditSearch(_ action: String, within division: DivisionCode?, filters: [(String, String)], found: String) async throws {
        let event = AuditEvent(action, objectType: division == nil ? nil : "division", objectID: division?.value,
                               detail: SearchAudit.detail(filters, found: found))
        try await write { db in try await self.audit(event, on: db) }
    }
}
