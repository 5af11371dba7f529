import JiujinbanRules
import Vapor

extension ServiceGuidePage {
    /// `GET /services/items/:seq`: the item of the route, with what its module adds.
    static func respond(_ req: Request) throws -> Response {
        let catalogue = req.jiujinban.catalogue
        guard let seq = req.parameters.get("seq").flatMap({ Int($0) }),
              let item = catalogue.items.first(where: { $0.seq == seq }),
              let category = catalogue.categories.first(where: { $0.key == item.category }) else {
            throw PublicError.notFound("服务事项")
        }
        // 受理 for a post that may accept the item at the counter (`CaseFile.mayAccept`), nothing for the others.
        let staff = try req.requireStaff()
        let accepts = item.channels.contains(.counter)
            && CaseFile.mayAccept(staff.account, item: item.seq, grants: staff.grants).isAllowed
        return HTMLResponse.make(render(item: item, category: category, checks: checks(item),
                                        links: ItemRegistry.module(of: item).links,
                                        accept: accepts ? .citizens(item: item.seq) : nil, context: PageContext(req)))
    }

    /// What the platform checks before a case of the item can be accepted: the shared checks, then the item's own.
    static func checks(_ item: ServiceCatalogue.Item) -> [String] {
        var checks = [
            "身份证号码按国家标准（GB 11643）校验位和出生日期核验；15位旧号码自动升为18位",
            "同一群众全省只有一条办事群众记录，可查看其全部办件",
            "受理人须持有本事项经办权限" + (item.workingDays > 0 ? "；审核人须为本县业务审核员且不得为受理人" : ""),
        ]
        if item.channels.contains(.kiosk) { checks.append("自助机办理时以电子社保卡或身份证核验本人身份") }
        return checks + ItemRegistry.module(of: item).conditions
    }
}
