import Foundation
import JiujinbanRules
import Vapor

/// The query side of a search page opened for a citizen (`CounterSearch` renders it): who is served, by which item,
/// and what the case will say.
extension CounterSearch {
    /// The citizen a search is being done for, and what the case will say.
    struct Serving: Sendable {
        let citizenID: UUID
        let maskedName: String
        let item: ServiceCatalogue.Item
        /// The filters used and the results counted, kept as the case's note; nil when the filters were refused and
        /// nothing was searched.
        let summary: String?
    }

    fileprivate enum ServingKey: PageExtraKey {
        typealias Value = Serving
    }

    /// The page context of a search page: with the citizen served, when the page was opened for one the user sees
    /// and the user may handle the item.
    static func context(_ req: Request, item seq: Int, filters: [(String, String)], found: String?) async throws -> PageContext {
        var context = PageContext(req)
        guard let text = try? req.query.get(String.self, at: "citizen"), !text.isEmpty else { return context }
        let staff = try req.requireStaff()
        let citizen = try await CitizenAccess.require(text, req: req)
        let id = try citizen.requireID()
        guard let item = req.jiujinban.catalogue.items.first(where: { $0.seq == seq }),
              CaseFile.mayAccept(staff.account, item: seq, grants: staff.grants).isAllowed else { return context }
        let used = filters.filter { !$0.1.isEmpty }
        let summary = found.map { String(("查询条件：" + (used.isEmpty ? "不限；" + $0 : SearchAudit.detail(used, found: $0)))
            .prefix(GenericItem.noteLength)) }
        context.serving = Serving(citizenID: id, maskedName: citizen.maskedName, item: item, summary: summary)
        return context
    }
}

extension PageContext {
    /// The citizen a counter search is done for (the search items), set by `CounterSearch.context`.
    var serving: CounterSearch.Serving? {
        get { extras[CounterSearch.ServingKey.self] }
        set { extras[CounterSearch.ServingKey.self] = newValue }
    }
}
