import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban service-points export --county 140830`: a county's service points as CSV on standard output.
struct ServicePointsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "export")
        var action: String

        @Option(name: "county", help: "县级区划代码（6位或12位），如 140830")
        var county: String?
    }

    /// Where the CSV goes: standard output, or a capture in tests.
    let output: @Sendable (Data) -> Void

    init(output: @escaping @Sendable (Data) -> Void = { FileHandle.standardOutput.write($0) }) {
        self.output = output
    }

    var help: String { "服务点数据：export --county 140830 以CSV格式输出该县全部服务点" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "export" else {
            throw PublicError(.badRequest, "未知操作“\(signature.action)”，可用操作：export")
        }
        guard let raw = signature.county else { throw PublicError(.badRequest, "请用 --county 指定县级区划代码，如 140830") }
        let county: DivisionCode
        do { county = try DivisionCode.county(raw) } catch { throw PublicError(.badRequest, "--county：" + error.message) }
        let db = context.application.db
        guard let division = try await DivisionQueries.find(county.value, on: db), division.level == .county else {
            throw PublicError(.notFound, "区划 \(raw) 不存在或不是县级区划")
        }
        let points = try await ServicePointQueries.all(in: county, on: db)
        output(Data(ServicePointExport.csv(points).text.utf8))
    }
}

/// The export table, shared by the command and (later) the download button.
enum ServicePointExport {
    static let header = [
        "code", "township", "village", "name", "kind", "institution", "address", "longitude", "latitude",
        "longitude_dms", "latitude_dms", "farthest_km", "status", "disabled_reason", "disabled_on", "coordinates_are_demo",
    ]

    static func csv(_ points: [ServicePointSummary]) -> CSVTable {
        var table = CSVTable(header: header)
        for point in points {
            table.append([
                point.code, point.townshipName, point.villageName, point.name, point.kind.rawValue, point.institution,
                point.address, String(format: "%.6f", point.longitude), String(format: "%.6f", point.latitude),
                point.coordinate?.longitudeText ?? "", point.coordinate?.latitudeText ?? "", point.farthestKmText,
                point.status.rawValue, point.disabledReason ?? "", point.disabledOn ?? "",
                point.coordinatesAreDemo ? "true" : "false",
            ])
        }
        return table
    }
}
