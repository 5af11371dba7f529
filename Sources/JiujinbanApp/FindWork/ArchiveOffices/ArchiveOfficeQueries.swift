import Foundation
import JiujinbanRules

// The archive-office pages' values: the controller reads the offices, this turns each into what
// `ArchiveOfficesPage` shows, so the renders take no Fluent model.

/// 档案存放机构 as the list and its page show it, the division already named.
struct ArchiveOfficeView: Sendable {
    let id: UUID
    let name: String
    let divisionName: String
    let address: String
    let contactPhone: String
    let hours: String
    /// 存档范围, a paragraph per line.
    let scopeLines: [String]
}

enum ArchiveOfficeQueries {
    /// `names` names the offices' divisions; an unnamed one shows its code.
    static func view(_ office: ArchiveOfficeRecord, names: [String: String]) throws -> ArchiveOfficeView {
        ArchiveOfficeView(id: try office.requireID(), name: office.name, divisionName: names[office.divisionCode] ?? office.divisionCode,
                          address: office.address, contactPhone: office.contactPhone, hours: office.hours,
                          scopeLines: office.scope.split(separator: "\n").map(String.init))
    }
}
