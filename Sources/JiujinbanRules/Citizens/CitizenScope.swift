import Foundation

/// The one rule for acting on a citizen's record by its id (就近办: a person may be served at any point).
///
/// A user may act for a person who lives or is registered (户籍) within the user's division, or whom this user
/// found by the full ID number a short while ago: the walk-in from another village or county, whose card the clerk
/// has just read. Every other id answers as if no such person existed.
public enum CitizenScope {
    /// How long finding a person by the full ID number lets the same user act for them.
    public static let lookupWindow: TimeInterval = 30 * 60

    /// Whether the user working in `scope` may act for the person.
    /// - Parameters:
    ///   - lastLookup: when this user last found the person by the full ID number, if ever.
    public static func admits(
        residence: DivisionCode?, hukou: DivisionCode?, scope: DivisionCode, lastLookup: Date?, now: Date
    ) -> Bool {
        if let residence, scope.contains(residence) { return true }
        if let hukou, scope.contains(hukou) { return true }
        guard let lastLookup else { return false }
        let age = now.timeIntervalSince(lastLookup)
        return age >= 0 && age <= lookupWindow
    }
}
