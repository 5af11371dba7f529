import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The read API the insurance items use: the figures as one pure value (`PolicyFigureBook`), on which a computation
/// resolves each figure it needs on its date and stores the row id, value and status it got.
extension PolicyFigureBook {
    /// Every row of the provincial figures and, when `county` is given, that county's (all counties' when nil).
    /// The table holds a few rows per figure, so this is one small query.
    static func load(on db: any Database, county: DivisionCode? = nil) async throws -> PolicyFigureBook {
        var query = PolicyFigureRecord.query(on: db)
        if let county, let code = county.ancestor(atDepth: 2) {
            query = query.group(.or) { $0.filter(\.$scopeCode == PolicyFigureRecord.provinceScope).filter(\.$scopeCode == code.value) }
        }
        return PolicyFigureBook(rows: try await query.all().compactMap(\.row))
    }
}

extension Request {
    private struct PolicyFigureBookKey: StorageKey { typealias Value = PolicyFigureBook }

    /// The whole book, read once per request: a submission that computes several figures, and the page that shows
    /// them, query the table once.
    func policyFigures() async throws -> PolicyFigureBook {
        if let cached = storage[PolicyFigureBookKey.self] { return cached }
        let book = try await PolicyFigureBook.load(on: db)
        storage[PolicyFigureBookKey.self] = book
        return book
    }

    /// Forgets the cached book after this request changed it.
    func forgetPolicyFigures() {
        storage[PolicyFigureBookKey.self] = nil
    }
}
