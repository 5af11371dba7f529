import Fluent
import Foundation
import JiujinbanRules

/// 行政区划: an administrative division. See `M0001CreateDivisions` for the table.
///
/// Fluent models cannot be checked `Sendable`: each instance stays inside one task and is converted to
/// `DivisionSummary` before it leaves a handler.
package final class Division: Model, @unchecked Sendable {
    package static let schema = "divisions"

    @ID(custom: "code", generatedBy: .user) package var id: String?
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "level") package var level: String
    @OptionalField(key: "parent_code") var parentCode: String?
    @OptionalField(key: "urban_rural_code") var urbanRuralCode: String?
    @OptionalField(key: "area_centi_km2") var areaCentiKm2: Int?
    @OptionalField(key: "population") var population: Int?
    @Field(key: "figures_are_demo") var figuresAreDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    package init() {}

    init(code: String, name: String, shortName: String, level: DivisionLevel, parentCode: String?,
         urbanRuralCode: String? = nil, areaCentiKm2: Int? = nil, population: Int? = nil, figuresAreDemo: Bool = false) {
        self.id = code
        self.name = name
        self.shortName = shortName
        self.level = level.rawValue
        self.parentCode = parentCode
        self.urbanRuralCode = urbanRuralCode
        self.areaCentiKm2 = areaCentiKm2
        self.population = population
        self.figuresAreDemo = figuresAreDemo
    }

    var summary: DivisionSummary {
        DivisionSummary(
            code: id ?? "", name: name, shortName: shortName, level: DivisionLevel(rawValue: level) ?? .village,
            parentCode: parentCode, areaCentiKm2: areaCentiKm2, population: population, figuresAreDemo: figuresAreDemo)
    }
}

/// A division as plain values, for views and the API.
struct DivisionSummary: Sendable, Equatable, Codable {
    let code: String
    let name: String
    let shortName: String
    let level: DivisionLevel
    let parentCode: String?
    let areaCentiKm2: Int?
    let population: Int?
    let figuresAreDemo: Bool

    var divisionCode: DivisionCode? { try? DivisionCode(code) }

    /// 1175.55
    var areaText: String? { areaCentiKm2.map { FixedPoint.format($0, fractionDigits: 2) } }
    /// 常住人口（万人）: 34.2889
    var populationWanText: String? { population.map { FixedPoint.format($0, fractionDigits: 4) } }
}
