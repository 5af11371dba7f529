import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 验收照片: photos the inspector takes at the point (premises, equipment, notices on the wall), kept with the
/// inspection. PNG or JPEG by their bytes, at most `maximumCount` of 2 MB each.
final class AcceptancePhotoRecord: Model, @unchecked Sendable {
    static let schema = "acceptance_photos"
    static let maximumCount = 6

    @ID(key: .id) var id: UUID?
    @Field(key: "acceptance_id") var acceptanceID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "media_type") var mediaType: String
    @Field(key: "bytes") var bytes: Data

    init() {}

    init(acceptanceID: UUID, position: Int, image: ProblemReportFacts.Image) {
        self.id = UUID()
        self.acceptanceID = acceptanceID
        self.position = position
        self.mediaType = image.kind.mediaType
        self.bytes = Data(image.bytes)
    }

    /// How many photos each inspection has, without loading them.
    static func counts(of acceptances: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !acceptances.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for row in try await (db as! any SQLDatabase).raw("""
            SELECT acceptance_id, COUNT(*) AS n FROM acceptance_photos WHERE acceptance_id IN (\(binds: acceptances)) GROUP BY acceptance_id
            """).all() {
            counts[try row.decode(column: "acceptance_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}

struct M0016CreateAcceptancePhotos: AsyncMigration {
    var name: String { "JiujinbanApp.M0016CreateAcceptancePhotos" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("acceptance_photos")
            .id()
            .field("acceptance_id", .uuid, .required, .references("acceptances", "id"))
            .field("position", .int, .required)
            .field("media_type", .string, .required)
            .field("bytes", .data, .required)
            .unique(on: "acceptance_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("acceptance_photos").delete()
    }
}
