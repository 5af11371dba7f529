import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// A year loaded by an admin, stored as the JSON that was validated.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class WorkCalendarYearRecord: Model, @unchecked Sendable {
    static let schema = "work_calendar_years"

    @ID(custom: "year", generatedBy: .user) var id: Int?
    @Field(key: "json") var json: String
    @Field(key: "notice") var notice: String
    @Field(key: "loaded_at") var loadedAt: Date
    @Field(key: "loaded_by") var loadedBy: UUID

    init() {}
}

/// The calendar deadlines are counted on: the built-in years (verified 2024–2026) plus the years admins loaded.
package enum WorkCalendarStore {
    package struct LoadedYear: Sendable {
        let year: WorkCalendarYear
        let isBuiltIn: Bool
        let loadedAt: Date?
    }

    /// Every acceptance counts its deadline on this, so the common case, no year loaded beyond the built-in ones,
    /// costs one small query and decodes nothing.
    static func calendar(req: Request) async throws -> WorkCalendar {
        try await calendar(builtIn: req.jiujinban.workCalendar, on: req.db)
    }

    static func calendar(builtIn: WorkCalendar, on db: any Database) async throws -> WorkCalendar {
        let loaded = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM work_calendar_years").first()?
            .decode(column: "n", as: Int.self) ?? 0
        if loaded == 0 { return builtIn }
        return calendar(of: try await years(builtIn: builtIn, on: db))
    }

    package static func calendar(of years: [LoadedYear]) -> WorkCalendar {
        WorkCalendar(years: years.map(\.year))
    }

    static func years(req: Request) async throws -> [LoadedYear] {
        try await years(builtIn: req.jiujinban.workCalendar, on: req.db)
    }

    package static func years(builtIn: WorkCalendar, on db: any Database) async throws -> [LoadedYear] {
        var result = builtIn.years.map { LoadedYear(year: $0, isBuiltIn: true, loadedAt: nil) }
        for record in try await WorkCalendarYearRecord.query(on: db).sort(\.$id).all() {
            // Stored years were validated when loaded; one that no longer reads is left out, never guessed.
            guard case .success(let year) = WorkCalendarYear.decode(uploadedJSON: Data(record.json.utf8)) else { continue }
            result.append(LoadedYear(year: year, isBuiltIn: false, loadedAt: record.loadedAt))
        }
        return result.sorted { $0.year.year < $1.year.year }
    }
}
