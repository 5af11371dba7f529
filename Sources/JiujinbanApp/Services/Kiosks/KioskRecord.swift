import Fluent
import Foundation
import JiujinbanRules

/// A registered self-service kiosk (自助机) at a service point: what column 21 of the monthly report reads.
final class KioskRecord: Model, @unchecked Sendable {
    static let schema = "kiosks"

    @ID(key: .id) var id: UUID?
    @Field(key: "service_point_id") var servicePointID: UUID
    @Field(key: "serial_number") var serialNumber: String
    @Field(key: "installed_on") var installedOn: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var statusValue: KioskStatus? { KioskStatus(rawValue: status) }
}

/// The dates a point signed its cooperation agreement (column 18) and trained its staff (column 19).
final class PointMilestoneRecord: Model, @unchecked Sendable {
    static let schema = "service_point_milestones"

    enum Kind: String, CaseIterable {
        case agreement, training

        var label: String { self == .agreement ? "签订合作协议日期" : "工作人员培训日期" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "service_point_id") var servicePointID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "date") var date: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
