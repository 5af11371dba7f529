import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// A county's gig skills: every county starts from `GigSkill.defaults`; its business admins add local ones, rename
/// them, and retire (停用) any skill. A default retired in one county gets a row of that county carrying its code
/// (the defaults themselves are code, shared by every county); local codes are `localN`.
enum GigSkills {
    struct Entry: Equatable {
        let code: String
        let name: String
        let isDefault: Bool
        let retired: Bool
    }

    /// Every skill of the county, retired ones included: defaults first in their order, then local ones as added.
    static func all(county: String, on db: any Database) async throws -> [Entry] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT code, name, CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END AS retired
            FROM gig_skills WHERE county_code = \(bind: county) ORDER BY created_at, code
            """).all().map {
            Entry(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self),
                  isDefault: false, retired: try $0.decode(column: "retired", as: Int.self) != 0)
        }
        let overrides = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let defaults = GigSkill.defaults.map {
            Entry(code: $0.code, name: $0.name, isDefault: true, retired: overrides[$0.code]?.retired ?? false)
        }
        return defaults + rows.filter { !GigSkill.isDefault($0.code) }
    }

    /// Names of every skill, retired ones included, so records that carry one keep showing its name.
    static func names(county: String, on db: any Database) async throws -> [String: String] {
        try await all(county: county, on: db).names
    }
}

extension [GigSkills.Entry] {
    /// What may be chosen now: retired skills left out.
    var choices: [(code: String, name: String)] { filter { !$0.retired }.map { (code: $0.code, name: $0.name) } }

    /// The names of the retired skills, so a form that still sends one is told which skill was retired.
    var retiredNames: [String: String] {
        Dictionary(filter(\.retired).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every skill's name, retired ones included.
    var names: [String: String] { Dictionary(map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }) }
}
