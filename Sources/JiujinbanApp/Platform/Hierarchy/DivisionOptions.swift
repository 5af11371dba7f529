import Fluent
import JiujinbanRules
import SQLKit

/// The divisions of a county as the options of a place select (an employer's address, a gig's place of work): a
/// query of the hierarchy that both the employers' pages and item 7's form use.
enum DivisionOptions {
    /// The county and every division below it, in code order, indented by level.
    static func within(_ county: DivisionCode, on db: any Database) async throws -> [FormFields.Option] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT code, name, level FROM divisions WHERE code >= \(bind: county.scopePrefix) AND code < \(bind: county.scopePrefix + "a")
            ORDER BY code
            """).all()
        return try rows.map { row in
            let level = try row.decode(column: "level", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            let indent = ["township": "　", "village": "　　", "community": "　　"][level] ?? ""
            return FormFields.Option(value: try row.decode(column: "code", as: String.self), label: indent + name)
        }
    }
}
