import Foundation
import JiujinbanRules

/// The list a push carries from its ranked page: comma-separated ids, at most one page of them.
enum PushList {
    static let maximum = 20

    static func ids(_ raw: String?, field: String, naming what: String, into errors: inout FieldErrors) -> [UUID] {
        let texts = (raw ?? "").split(separator: ",").map(String.init)
        let ids = texts.compactMap { UUID(uuidString: $0) }
        if texts.isEmpty { errors.add(field, "没有可推荐的\(what)") }
        else if texts.count > maximum || ids.count != texts.count { errors.add(field, "推荐\(what)有误，请重新打开推荐页面") }
        return ids
    }
}
