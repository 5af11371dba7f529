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

    /// Of the rows a stored computation used, those a correction has since replaced (已更正), each with the row that
    /// took its place: two lookups by id, whatever the size of the table.
    static func corrections(of rowIDs: [UUID], on db: any Database) async throws -> [UUID: FigureReading.Entry.Correction] {
        guard !rowIDs.isEmpty else { return [:] }
        let replaced = try await PolicyFigureRecord.query(on: db).filter(\.$id ~~ rowIDs).filter(\.$supersededBy != nil).all()
        guard !replaced.isEmpty else { return [:] }
        let replacements = try await PolicyFigureRecord.query(on: db).filter(\.$id ~~ replaced.compactMap(\.supersededBy)).all()
        let byID = Dictionary(uniqueKeysWithValues: replacements.compactMap { record in record.id.map { ($0, record) } })
        var found: [UUID: FigureReading.Entry.Correction] = [:]
        for old in replaced {
            guard let id = old.id, let newID = old.supersededBy, let new = byID[newID], let value = new.row?.value else { continue }
            found[id] = FigureReading.Entry.Correction(rowID: newID, value: value, source: new.source,
                                                       on: CalendarDate(old.supersededAt ?? new.setAt))
        }
        return found
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
