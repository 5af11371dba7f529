import JiujinbanRules
import Vapor

extension ServicePointListPage {
    /// Reads the filters from the query string; an unknown value is ignored rather than failing the page.
    static func filter(from req: Request) -> ServicePointFilter {
        func string(_ key: String) -> String? { (try? req.query.get(String.self, at: key)).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = ServicePointFilter()
        filter.scope = string("scope").flatMap { try? DivisionCode($0) }
        filter.township = string("township").flatMap { try? DivisionCode($0) }
        filter.kind = string("kind").flatMap(ServicePointKind.init(rawValue:))
        filter.status = string("status").flatMap(ServicePointStatus.init(rawValue:))
        filter.page = string("page").flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 1
        return filter
    }
}
