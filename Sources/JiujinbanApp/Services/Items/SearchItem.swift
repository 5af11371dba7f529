import Foundation
import JiujinbanRules

/// An item that is a search (固定工岗位信息查询, 就业政策法规查询 …). Done at the counter for a citizen, a search is a
/// case like any other (即时办结): the item starts on its search page with `?citizen=…`, and the page offers to record
/// the search — its filters and result count as the note — as the case (`CounterSearch`). Its form is the generic
/// one: the documents confirmed, the note.
struct SearchItem: ServiceItem {
    typealias Form = GenericItem.Form
    typealias Page = @Sendable (_ query: [(String, String)]) -> SiteURL

    let item: ServiceCatalogue.Item
    let page: Page

    var fields: [CaseFormField] { GenericItem(item: item).fields }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        GenericItem(item: item).validate(form, citizen: citizen, today: today)
    }

    func startPage(citizen: UUID) -> SiteURL? { page([("citizen", citizen.uuidString.lowercased())]) }

    /// The module of a search item: its guide links to the search page, and the kiosk runs it as a search.
    static func module(seq: Int, link: String, page: @escaping Page) -> ItemModule {
        ItemModule(seq: seq, links: [ItemLink(label: link, url: page([]), primary: true)], kioskSteps: KioskStep.search) { item, _, _ in
            SearchItem(item: item, page: page)
        }
    }
}
