import Foundation
import JiujinbanRules

/// `training_intentions.group_bases`: the key groups an intention was registered under, each with what it rests on
/// (JSON `[{"group": …, "basis": …}]`, the basis in words as the case page shows it).
enum TrainingIntentionBases {
    struct Entry: Codable, Equatable {
        let group: String
        let basis: String
    }

    static func json(_ members: [KeyGroupMembership]) throws -> String {
        String(decoding: try JSONEncoder().encode(members.map { Entry(group: $0.group.rawValue, basis: $0.basis.text) }), as: UTF8.self)
    }

    /// Each group in Chinese with its basis: `城镇登记失业人员（据失业登记（2026-03-02起））`.
    static func lines(_ json: String) -> [String] {
        let entries = (try? JSONDecoder().decode([Entry].self, from: Data(json.utf8))) ?? []
        return entries.map { (KeyGroup(rawValue: $0.group)?.chinese ?? $0.group) + "（\($0.basis)）" }
    }
}
