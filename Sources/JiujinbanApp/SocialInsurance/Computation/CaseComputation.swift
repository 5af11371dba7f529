import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// A case's computation as the case page and the receipt show it: what was computed, for which day, the total with
/// its parts, and the figures used, those still waiting for a business admin's confirmation named.
struct CaseComputation: Sendable, Equatable {
    struct Line: Sendable, Equatable, Codable {
        /// 0 for a top-level part, 1 for a part of it (中央基础养老金 under 基础养老金).
        let depth: Int
        let name: String
        let amountFen: Int
        let basis: String
    }

    let title: String
    let computedOn: CalendarDate
    let totalFen: Int
    let lines: [Line]
    let figures: [FigureReading.Entry]
    /// Said beside the amounts (a back payment's allowed years by situation).
    var notes: [String] = []

    var waiting: [FigureReading.Entry] { figures.filter(\.isWaiting) }

    init(title: String, computedOn: CalendarDate, totalFen: Int, lines: [Line], figures: [FigureReading.Entry], notes: [String] = []) {
        self.title = title
        self.computedOn = computedOn
        self.totalFen = totalFen
        self.lines = lines
        self.figures = figures
        self.notes = notes
    }

    /// A monthly benefit with the reading it was computed from.
    init(title: String, benefit: MonthlyBenefit, reading: FigureReading) {
        func flatten(_ part: MonthlyBenefit.Part, depth: Int) -> [Line] {
            [Line(depth: depth, name: part.name, amountFen: part.amountFen, basis: part.basis)]
                + part.parts.flatMap { flatten($0, depth: depth + 1) }
        }
        self.init(title: title, computedOn: reading.date, totalFen: benefit.totalFen,
                  lines: benefit.parts.flatMap { flatten($0, depth: 0) }, figures: reading.entries)
    }
}

/// Stores and reads a case's computation (`case_computations`, `case_figure_uses`, M0055; the yearly figures in
/// `case_figure_years`, M0066).
enum CaseComputations {
    /// Replaces what the case stored: acceptance writes the first computation, approval the confirmed one.
    static func save(_ computation: CaseComputation, caseID: UUID, at now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.delete(from: "case_figure_uses").where("case_id", .equal, SQLBind(caseID)).run()
        try await sql.delete(from: "case_figure_years").where("case_id", .equal, SQLBind(caseID)).run()
        try await sql.delete(from: "case_computations").where("case_id", .equal, SQLBind(caseID)).run()
        let parts = String(decoding: try JSONEncoder().encode(computation.lines), as: UTF8.self)
        let notes = String(decoding: try JSONEncoder().encode(computation.notes), as: UTF8.self)
        try await sql.insert(into: "case_computations")
            .columns("case_id", "title", "computed_on", "total_fen", "parts", "notes", "updated_at_ms")
            .values(SQLBind(caseID), SQLBind(computation.title), SQLBind(computation.computedOn.iso), SQLBind(Int64(computation.totalFen)),
                    SQLBind(parts), SQLBind(notes), SQLBind(Int64(now.timeIntervalSince1970 * 1000)))
            .run()
        let daily = computation.figures.filter { $0.years == nil }
        if !daily.isEmpty {
            var insert = sql.insert(into: "case_figure_uses").columns("case_id", "figure_key", "row_id", "value", "status", "source")
            for entry in daily {
                insert = insert.values(SQLBind(caseID), SQLBind(entry.key.rawValue), SQLBind(entry.rowID), SQLBind(entry.value?.stored),
                                       SQLBind(entry.status.rawValue), SQLBind(entry.source))
            }
            try await insert.run()
        }
        let yearly = computation.figures.compactMap { entry in entry.years.map { (entry, $0) } }
        if !yearly.isEmpty {
            var insert = sql.insert(into: "case_figure_years")
                .columns("case_id", "figure_key", "first_year", "last_year", "row_id", "value", "status", "source")
            for (entry, years) in yearly {
                insert = insert.values(SQLBind(caseID), SQLBind(entry.key.rawValue), SQLBind(Int64(years.lowerBound)), SQLBind(Int64(years.upperBound)),
                                       SQLBind(entry.rowID), SQLBind(entry.value?.stored), SQLBind(entry.status.rawValue), SQLBind(entry.source))
            }
            try await insert.run()
        }
    }

    /// The stored computation of a case, or nil for a case that computed nothing.
    static func load(caseID: UUID, on db: any Database) async throws -> CaseComputation? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT title, computed_on, total_fen, parts, notes FROM case_computations WHERE case_id = \(bind: caseID)
            """).first(), let day = CalendarDate(iso: try row.decode(column: "computed_on", as: String.self)) else { return nil }
        let lines = (try? JSONDecoder().decode([CaseComputation.Line].self, from: Data(try row.decode(column: "parts", as: String.self).utf8))) ?? []
        let notes = (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "notes", as: String.self).utf8))) ?? []
        var figures: [FigureReading.Entry] = []
        // The day's figures (first_year 0, which no year is) by key, then the yearly ones by year and key.
        for use in try await sql.raw("""
            SELECT figure_key, row_id, value, status, source, 0 AS first_year, 0 AS last_year FROM case_figure_uses WHERE case_id = \(bind: caseID)
            UNION ALL
            SELECT figure_key, row_id, value, status, source, first_year, last_year FROM case_figure_years WHERE case_id = \(bind: caseID)
            ORDER BY first_year, figure_key
            """).all() {
            guard let key = PolicyFigureKey(rawValue: try use.decode(column: "figure_key", as: String.self)),
                  let status = PolicyFigureStatus(rawValue: try use.decode(column: "status", as: String.self)) else { continue }
            let first = Int(try use.decode(column: "first_year", as: Int64.self)), last = Int(try use.decode(column: "last_year", as: Int64.self))
            figures.append(FigureReading.Entry(
                key: key, rowID: try use.decode(column: "row_id", as: UUID?.self),
                value: try use.decode(column: "value", as: String?.self).flatMap { PolicyFigureValue(stored: $0, kind: key.definition.kind) },
                status: status, source: try use.decode(column: "source", as: String.self), years: first == 0 ? nil : first...max(first, last)))
        }
        return CaseComputation(title: try row.decode(column: "title", as: String.self), computedOn: day,
                               totalFen: Int(try row.decode(column: "total_fen", as: Int64.self)), lines: lines, figures: figures, notes: notes)
    }
}
