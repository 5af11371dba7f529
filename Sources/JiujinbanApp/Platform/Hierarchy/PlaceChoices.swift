import Fluent
import JiujinbanRules
import SQLKit

/// The place choosers' lists (居住地, 户籍所在地, 工作地点, 用工地点, 所在区划): a subtree of divisions in one query,
/// grouped township › village by `PlaceChooser`.
enum PlaceChoices {
    /// `root` and every division below it, as the chooser's values.
    static func subtree(_ root: DivisionCode, on db: any Database) async throws -> [PlaceChooser.Place] {
        try await (db as! any SQLDatabase).raw("""
            SELECT code, name, level FROM divisions WHERE code >= \(bind: root.scopePrefix) AND code < \(bind: root.scopePrefix + "a")
            ORDER BY code
            """).all().compactMap { row in
            guard let code = try? DivisionCode(try row.decode(column: "code", as: String.self)),
                  let level = DivisionLevel(rawValue: try row.decode(column: "level", as: String.self)) else { return nil }
            return PlaceChooser.Place(code: code, name: try row.decode(column: "name", as: String.self), level: level)
        }
    }

    /// The divisions of `levels` in `root`'s subtree, grouped by township, the group of `viewer`'s own township first.
    static func grouped(
        _ root: DivisionCode, offering levels: Set<DivisionLevel>, for viewer: DivisionCode?, on db: any Database
    ) async throws -> GroupedChoices {
        PlaceChooser.arranged(PlaceChooser.grouped(try await subtree(root, on: db), offering: levels), for: viewer)
    }

    /// Every level a workplace or an employer may name: the county, a township, a village or a community.
    static let everyLevelBelowCity: Set<DivisionLevel> = [.county, .township, .village, .community]
}

extension SignedInStaff {
    /// Where the user works: their service point's village, community or township, or their department's division.
    /// Choosers put its township first and preselect it on a new form when it is a village or community.
    var ownDivision: DivisionCode { account.unit.divisionCode }
}
