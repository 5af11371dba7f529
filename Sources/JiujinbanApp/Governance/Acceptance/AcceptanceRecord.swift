import Fluent
import Foundation
import JiujinbanRules

/// One inspection of a service point against attachment 5, as the county inspector signed it.
final class AcceptanceRecord: Model, @unchecked Sendable {
    static let schema = "acceptances"

    @ID(key: .id) var id: UUID?
    @Field(key: "service_point_id") var servicePointID: UUID
    @Field(key: "inspected_on") var inspectedOn: String
    @Field(key: "inspector_account") var inspectorAccount: UUID
    @Field(key: "inspector_name") var inspectorName: String
    /// JSON object: criterion number → score.
    @Field(key: "scores") var scores: String
    /// JSON object: criterion number → note.
    @Field(key: "notes") var notes: String
    @Field(key: "total") var total: Int
    @Field(key: "pass_mark") var passMark: Int
    @Field(key: "passed") var passed: Bool
    @OptionalField(key: "reinspect_on") var reinspectOn: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var scoreValues: [Int: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(scores.utf8)))
            .map { Dictionary(uniqueKeysWithValues: $0.compactMap { key, value in Int(key).map { ($0, value) } }) } ?? [:]
    }

    var noteValues: [Int: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(notes.utf8)))
            .map { Dictionary(uniqueKeysWithValues: $0.compactMap { key, value in Int(key).map { ($0, value) } }) } ?? [:]
    }

    static func json<Value: Encodable>(_ values: [Int: Value]) -> String {
        let keyed = Dictionary(uniqueKeysWithValues: values.map { (String($0.key), $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(keyed)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
