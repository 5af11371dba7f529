import Fluent
import JiujinbanRules
import Vapor

/// A small read API under `/api` for other systems (the kiosk later): JSON in, JSON out, errors as
/// `{"error": true, "reason": …}`.
enum APIController {
    struct ServicePointDTO: Content {
        let id: UUID
        let code: String
        let divisionCode: String
        let township: String
        let village: String
        let kind: String
        let institution: String
        let address: String
        let longitude: Double
        let latitude: Double
        let coordinatesAreDemo: Bool
        let farthestKm: String
        let status: String

        init(_ point: ServicePointSummary) {
            id = point.id
            code = point.code
            divisionCode = point.divisionCode
            township = point.townshipName
            village = point.villageName
            kind = point.kind.rawValue
            institution = point.institution
            address = point.address
            longitude = point.longitude
            latitude = point.latitude
            coordinatesAreDemo = point.coordinatesAreDemo
            farthestKm = point.farthestKmText
            status = point.status.rawValue
        }
    }

    struct DivisionDTO: Content {
        let division: DivisionSummary
        let children: [DivisionSummary]
        let servicePoints: Int
    }

    static func register(_ app: Application) {
        app.get(.apiServicePoints, .capability(.viewServicePoints)) { req -> [ServicePointDTO] in
            let staff = try req.requireStaff()
            guard let raw = try? req.query.get(String.self, at: "county"), let county = try? DivisionCode.county(raw) else {
                throw PublicError(.badRequest, "参数 county 应为6位或12位区划代码，如 140830")
            }
            return try await ServicePointQueries.all(in: county, on: req.db).filter(staff.sees).map(ServicePointDTO.init)
        }
        app.get(.apiDivision(code: ""), .capability(.viewDivisions)) { req -> DivisionDTO in
            let staff = try req.requireStaff()
            guard let code = req.parameters.get("code").flatMap({ try? DivisionCode($0) }),
                  let division = try await DivisionQueries.find(code.value, on: req.db) else {
                throw PublicError.notFound("该行政区划")
            }
            guard staff.sees(division: code) else { throw OutOfScope("该行政区划", objectType: "division", objectID: code.value) }
            return DivisionDTO(
                division: division,
                children: try await DivisionQueries.children(of: code.value, on: req.db),
                servicePoints: try await ServicePointQueries.counts(in: code, on: req.db).total)
        }
    }
}
