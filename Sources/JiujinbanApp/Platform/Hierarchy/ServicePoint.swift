import Fluent
import Foundation
import JiujinbanRules

/// 服务点: a place where citizens are served (township centre, village, community or bank branch).
///
/// Fluent models cannot be checked `Sendable`: each instance stays inside one task and is converted to
/// `ServicePointSummary` before it leaves a handler.
package final class ServicePoint: Model, @unchecked Sendable {
    package static let schema = "service_points"

    @ID(key: .id) package var id: UUID?
    @Field(key: "code") package var code: String
    @Field(key: "division_code") package var divisionCode: String
    @Field(key: "kind") package var kind: String
    @Field(key: "name") var name: String
    @Field(key: "institution") package var institution: String
    @Field(key: "address") var address: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "coordinates_are_demo") var coordinatesAreDemo: Bool
    @Field(key: "farthest_residence_m") var farthestResidenceMeters: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "disabled_reason") var disabledReason: String?
    @OptionalField(key: "disabled_on") var disabledOn: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    package init() {}

    init(code: String, draft: ServicePointDraft, coordinatesAreDemo: Bool = false) {
        self.code = code
        self.status = ServicePointStatus.active.rawValue
        self.coordinatesAreDemo = coordinatesAreDemo
        apply(draft)
    }

    /// An edit: coordinates typed by hand replace demonstration values with surveyed ones.
    func edit(with draft: ServicePointDraft) {
        if longitude != draft.coordinate.longitude || latitude != draft.coordinate.latitude {
            coordinatesAreDemo = false
        }
        apply(draft)
    }

    /// Copies validated facts in.
    private func apply(_ draft: ServicePointDraft) {
        divisionCode = draft.divisionCode.value
        kind = draft.kind.rawValue
        name = draft.name
        institution = draft.institution
        address = draft.address
        longitude = draft.coordinate.longitude
        latitude = draft.coordinate.latitude
        farthestResidenceMeters = draft.farthestResidenceMeters
    }

    func summary(names: [String: String]) -> ServicePointSummary {
        let division = try? DivisionCode(divisionCode)
        let townshipCode = division.map { String($0.value.prefix(9)) + "000" } ?? ""
        return ServicePointSummary(
            id: id ?? UUID(), code: code, divisionCode: divisionCode,
            townshipName: names[townshipCode] ?? "", divisionName: names[divisionCode] ?? "",
            kind: ServicePointKind(rawValue: kind) ?? .village, name: name, institution: institution, address: address,
            longitude: longitude, latitude: latitude, coordinatesAreDemo: coordinatesAreDemo,
            farthestResidenceMeters: farthestResidenceMeters,
            status: ServicePointStatus(rawValue: status) ?? .disabled,
            disabledReason: disabledReason, disabledOn: disabledOn)
    }
}

/// A service point as plain values, for views, the API and exports.
struct ServicePointSummary: Sendable, Equatable, Codable {
    let id: UUID
    let code: String
    let divisionCode: String
    let townshipName: String
    let divisionName: String
    let kind: ServicePointKind
    let name: String
    let institution: String
    let address: String
    let longitude: Double
    let latitude: Double
    let coordinatesAreDemo: Bool
    let farthestResidenceMeters: Int
    let status: ServicePointStatus
    let disabledReason: String?
    let disabledOn: String?

    var coordinate: GeoCoordinate? { GeoCoordinate(longitude: longitude, latitude: latitude) }
    /// 3.5
    var farthestKmText: String {
        let text = FixedPoint.format(farthestResidenceMeters, fractionDigits: 3)
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
    /// 行政村（社区）名称 column of attachment 2: empty for a township centre.
    var villageName: String { kind == .townshipCentre ? "" : divisionName }

    /// What the edit form starts with.
    var form: ServicePointForm {
        ServicePointForm(
            divisionCode: divisionCode, kind: kind.rawValue, name: name, institution: institution, address: address,
            longitude: String(longitude), latitude: String(latitude), farthestKm: farthestKmText)
    }
}
