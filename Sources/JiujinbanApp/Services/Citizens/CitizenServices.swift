import Foundation
import JiujinbanRules

/// 为群众办理: the 40 items by their four groups as the person's page offers them, each with its 受理 link when the
/// user may accept it (`CaseFile.mayAccept`) and the person's case of it when there is one: the open one (办理中),
/// else the newest finished one (已办结 / 不予办理). Built from values only, so it is tested without a database.
struct CitizenServices: Sendable, Equatable {
    struct Case: Sendable, Equatable {
        let id: UUID
        let number: String
        let label: String
        let isOpen: Bool
        /// The user may open it (its point lies in the user's scope); otherwise the number is shown without a link.
        let visible: Bool
    }

    struct Item: Sendable, Equatable {
        let seq: Int
        let name: String
        let timeLimitText: String
        /// Where 受理 leads; nil when the user may not accept the item.
        let accept: SiteURL?
        let latest: Case?
    }

    struct Group: Sendable, Equatable {
        let key: String
        let name: String
        let items: [Item]
    }

    let groups: [Group]

    /// - Parameter cases: the person's cases, newest first.
    static func build(citizen: UUID, catalogue: ServiceCatalogue, cases: [CitizenPage.CaseLine],
                      mayAccept: (ServiceCatalogue.Item) -> Bool) -> CitizenServices {
        CitizenServices(groups: catalogue.categories.map { category in
            Group(key: category.key, name: category.name, items: catalogue.items(in: category.key).map { item in
                let ofItem = cases.filter { $0.itemSeq == item.seq }
                let latest = (ofItem.first { !$0.isFinal } ?? ofItem.first).map { line in
                    Case(id: line.id, number: line.number, label: line.isFinal ? line.state : "办理中", isOpen: !line.isFinal,
                         visible: line.visible)
                }
                return Item(seq: item.seq, name: item.name, timeLimitText: item.timeLimitText,
                            accept: mayAccept(item) ? .newCase(citizen: citizen, item: item.seq) : nil, latest: latest)
            })
        })
    }
}
