import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Issue 22: the home page per post, the person's items by group, the guide's 受理 and the navigation's counts, each
/// rendered from hand-made values (no database).
@Suite("Home page, the person's items and the navigation counts as pure renders (issue 22)")
struct HomeViewTests {
    static let catalogue = try! ServiceCatalogue.decode(Data(contentsOf: StaticAssets.resourceURL("catalog/service-catalog.json")))

    static func line(_ n: Int, name: String = "王小明", point: String = "令花村便民服务站", daysLeft: Int?, state: String = "已受理，待审核")
        -> HomeView.CaseLine {
        HomeView.CaseLine(id: ViewFixture.id(n), number: "140830-20261120-0000\(n)", itemName: "失业登记",
                          maskedCitizenName: Masking.maskedName(name), pointName: point, acceptedOn: "2026-11-20",
                          deadline: "2026-11-27", urgency: CaseUrgency(workingDaysLeft: daysLeft), stateLabel: state)
    }

    @Test("operator: the person search first, then open cases (overdue marked) and returned ones, each linked")
    func operatorHome() {
        var view = HomeView()
        view.searchesPeople = true
        view.openCases = [Self.line(1, daysLeft: -2), Self.line(2, daysLeft: 3)]
        view.openTotal = 2
        view.returnedCases = [Self.line(3, name: "李四", daysLeft: 1, state: "退回补正")]
        view.returnedTotal = 1
        let html = HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render()
        let search = try! #require(html.range(of: "action=\"/citizens/lookup\""))
        let open = try! #require(html.range(of: "在办的办件（2）"))
        let returned = try! #require(html.range(of: "退回补正的办件（1）"))
        #expect(search.lowerBound < open.lowerBound && open.lowerBound < returned.lowerBound)
        #expect(html.contains("name=\"_csrf\" value=\"csrf-7f3a\""))
        #expect(html.contains("<tr class=\"row-overdue\">") && html.contains("超期2个工作日") && html.contains("剩3个工作日"))
        #expect(html.contains("href=\"/cases/\(ViewFixture.id(3).uuidString.lowercased())\""))
        // Names masked (domain rules §10), never in full.
        #expect(html.contains("王**") && html.contains("李*") && !html.contains("王小明"))
        #expect(!html.contains("服务点覆盖情况") && !html.contains("待办事项"))
    }

    @Test("operator: cases the core system returned come first after the search, each with its reason and link; none, no section")
    func coreReturnedFirst() {
        var view = HomeView()
        view.searchesPeople = true
        var line = Self.line(5, name: "薛玉梅", daysLeft: nil, state: "核心系统退回")
        line.reason = "缴费档次与核心系统记录不符"
        view.coreReturnedCases = [line]
        view.coreReturnedTotal = 1
        let html = HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render()
        let returned = try! #require(html.range(of: "核心系统退回的办件（1）"))
        let open = try! #require(html.range(of: "在办的办件（0）"))
        #expect(returned.lowerBound < open.lowerBound)
        #expect(ViewFixture.rows(html).contains(["140830-20261120-00005", "薛**", "失业登记", "2026-11-20", "缴费档次与核心系统记录不符"]))
        #expect(html.contains("href=\"/cases/\(ViewFixture.id(5).uuidString.lowercased())\""))
        view.coreReturnedCases = []
        view.coreReturnedTotal = 0
        #expect(!HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render().contains("核心系统退回"))
    }

    @Test("operator with nothing open: the sections say so")
    func operatorEmpty() {
        var view = HomeView()
        view.searchesPeople = true
        let html = HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render()
        #expect(html.contains("本服务点没有在办的办件。") && html.contains("没有退回补正的办件。"))
    }

    @Test("reviewer: the queue with person (masked), service point, item and days left; a longer queue links the workbench")
    func reviewerHome() {
        var view = HomeView()
        view.reviewQueue = [Self.line(4, name: "赵六", point: "东垆乡综合便民服务中心", daysLeft: 0)]
        view.reviewTotal = 31
        let html = HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render()
        let rows = ViewFixture.rows(html)
        #expect(rows.contains(["办件编号", "办事群众", "服务点", "服务事项", "受理日期", "办结期限", "剩余时间"]))
        #expect(rows.contains(["140830-20261120-00004", "赵*", "东垆乡综合便民服务中心", "失业登记", "2026-11-20", "2026-11-27", "今日到期"]))
        #expect(html.contains("待审核（31）") && html.contains("全部31件，在办件工作台查看"))
        #expect(!html.contains("action=\"/citizens/lookup\""))
    }

    @Test("administrators: each waiting count links its list; the coverage table links only counties the user may open")
    func adminHome() {
        var view = HomeView()
        view.waiting = [
            HomeView.Waiting(label: "问题反映待答复", count: 2, url: .problems(query: [("state", "waiting")])),
            HomeView.Waiting(label: "调度表待审核", count: 0, url: .monthlyReport()),
        ]
        let county = DivisionSummary(code: "140830000000", name: "芮城县", shortName: "芮城", level: .county,
                                     parentCode: "140800000000", areaCentiKm2: nil, population: nil, figuresAreDemo: true)
        view.coverage = [HomeView.Coverage(county: county, counts: ServicePointCounts())]
        let html = HomePage.render(view, catalogue: Self.catalogue, context: ViewFixture.context).render()
        #expect(html.contains("<a href=\"/problems?state=waiting\">问题反映待答复</a>"))
        #expect(html.contains("<strong>2</strong>") && html.contains("<a href=\"/reports/monthly\">调度表待审核</a>"))
        #expect(html.contains("<td>芮城县</td>") && !html.contains("/divisions/140830000000"))
        // A county administrator: the division page's guard admits them and the county lies in their scope.
        let ruicheng = try! DivisionCode("140830000000")
        let admin = PageContext(holdsDemoData: false, user: PageContext.User(name: "王芳", post: .businessAdmin, unitName: "芮城县人社局"),
                                capabilities: [.viewDivisions],
                                routes: RouteGuards(pages: [(SiteURL.division(code: ruicheng.value).pattern, .capability(.viewDivisions))]),
                                scope: .subtree(ruicheng))
        let linked = HomePage.render(view, catalogue: Self.catalogue, context: admin).render()
        #expect(linked.contains("<a href=\"/divisions/140830000000\">芮城县</a>"))
    }

    @Test("the navigation shows counts above zero beside their link")
    func navigationBadges() {
        let context = PageContext(
            holdsDemoData: false, path: "/", user: PageContext.User(name: "李娜", post: .operator, unitName: "令花村"),
            capabilities: [.serveCitizens],
            navigation: [NavigationEntry(line: .governance, order: 20, label: "办件", url: .cases(), requires: [.serveCitizens])],
            routes: RouteGuards(pages: [(SiteURL.cases().pattern, .capability(.serveCitizens))]),
            badges: [NavigationBadge(path: "/cases", label: "待审核", count: 3), NavigationBadge(path: "/cases", label: "退回", count: 0)])
        let html = HomePage.render(HomeView(), catalogue: Self.catalogue, context: context).render()
        #expect(html.contains("<a href=\"/cases\">办件 <span class=\"badge\">待审核 3</span></a>"))
        #expect(!html.contains("退回 0"))
    }

    static let citizenID = ViewFixture.id(20)

    static func caseLine(_ n: Int, item: Int, state: CaseFile.State, visible: Bool = true) -> CitizenPage.CaseLine {
        CitizenPage.CaseLine(id: ViewFixture.id(n), number: "N-\(n)", itemSeq: item, itemName: "", acceptedOn: "2026-11-20",
                             state: state.label, isFinal: state.isFinal, visible: visible)
    }

    @Test("the person's items: 40 by the four groups, 受理 only where allowed, open before finished")
    func citizenServices() {
        // Newest first, as the page reads them: item 11 finished then reopened, item 38 finished, item 20 out of scope.
        let cases = [Self.caseLine(1, item: 11, state: .accepted), Self.caseLine(2, item: 11, state: .approved),
                     Self.caseLine(3, item: 38, state: .rejected), Self.caseLine(4, item: 20, state: .returned, visible: false)]
        let services = CitizenServices.build(citizen: Self.citizenID, catalogue: Self.catalogue, cases: cases) { $0.seq == 11 || $0.seq == 1 }
        #expect(services.groups.map(\.name) == ["我要找工作", "我要学技能", "我要办社保", "我要办社保卡"])
        #expect(services.groups.flatMap(\.items).count == 40)
        let items = Dictionary(uniqueKeysWithValues: services.groups.flatMap(\.items).map { ($0.seq, $0) })
        #expect(items[11]?.latest == CitizenServices.Case(id: ViewFixture.id(1), number: "N-1", label: "办理中", isOpen: true, visible: true))
        #expect(items[38]?.latest?.label == "不予办理" && items[38]?.latest?.isOpen == false)
        #expect(items[1]?.accept?.path == "/cases/new?citizen=\(Self.citizenID.uuidString.lowercased())&item=1")
        #expect(items[2]?.accept == nil && items[2]?.latest == nil)

        let citizen = CitizenView(
            id: Self.citizenID, name: "张三丰", idNumber: Masking.maskedIDNumber("140830199001011234"),
            phone: nil, cardNumber: nil, sex: "男", birthDate: "1990-01-01", age: 36,
            hukouName: "令花村", residenceName: "令花村", ethnicity: "汉族", residenceAddress: nil, revealedUntil: nil)
        let html = CitizenPage.render(citizen, cases: cases, services: services, context: ViewFixture.context).render()
        #expect(html.contains("<h2>为其办理</h2>") && html.contains("<h3>我要办社保卡</h3>"))
        #expect(html.contains("href=\"/cases/new?citizen=\(Self.citizenID.uuidString.lowercased())&amp;item=11\""))
        #expect(html.matches(of: /aria-label="受理：/).count == 2)
        #expect(html.contains(">办理中</a>") && html.contains(">不予办理</a>"))
        // A case outside the user's scope is marked, not linked.
        #expect(html.contains("<span class=\"item-state open\">办理中</span>"))
        #expect(!html.contains("href=\"/cases/\(ViewFixture.id(4).uuidString.lowercased())\""))
    }

    @Test("服务指南: 受理 starts the person search with the item, only when given")
    func guideAccept() throws {
        let item = try #require(Self.catalogue.items.first { $0.seq == 11 })
        let category = try #require(Self.catalogue.categories.first { $0.key == item.category })
        let offered = ServiceGuidePage.render(item: item, category: category, checks: [], links: [], accept: .citizens(item: 11),
                                              context: ViewFixture.context).render()
        #expect(offered.contains("<a class=\"button primary\" href=\"/citizens?item=11\">受理（先查询办事群众）</a>"))
        let withheld = ServiceGuidePage.render(item: item, category: category, checks: [], links: [], context: ViewFixture.context).render()
        #expect(!withheld.contains("受理（先查询办事群众）"))
        // Either way the guide prints for the citizen, its button left off the paper.
        #expect(withheld.contains("<div class=\"actions no-print\"><button type=\"button\" class=\"button primary\" data-print=\"page\">打印服务指南</button>"))
    }

    @Test("a group's page: 受理 beside each item the post may accept, nothing for the others or a post without the search")
    func categoryAccept() throws {
        let category = try #require(Self.catalogue.categories.first)
        let items = Self.catalogue.items(in: category.key)
        let context = PageContext(
            holdsDemoData: false, path: "/", user: PageContext.User(name: "李娜", post: .operator, unitName: "令花村"),
            capabilities: [.serveCitizens], routes: RouteGuards(pages: [(SiteURL.citizens(item: 1).pattern, .capability(.serveCitizens))]))
        let html = CataloguePage.render(category: category, items: items, accepts: [1, 11], context: context).render()
        #expect(html.contains("href=\"/citizens?item=1\" aria-label=\"受理：\(items[0].name)\""))
        #expect(html.contains("href=\"/citizens?item=11\""))
        #expect(!html.contains("href=\"/citizens?item=2\""))
        // Without the route (a post that cannot search people) no 受理 is drawn, whatever the grants say.
        let withheld = CataloguePage.render(category: category, items: items, accepts: [1, 11], context: ViewFixture.context).render()
        #expect(!withheld.contains(">受理</a>"))
    }

    @Test("the person search started for an item names it and carries it through its form")
    func searchKeepsItem() throws {
        var context = ViewFixture.context
        context.startingItem = try #require(Self.catalogue.items.first { $0.seq == 11 })
        let html = CitizenLookupPage.render(idNumber: nil, errors: FieldErrors(), context: context).render()
        #expect(html.contains("<input type=\"hidden\" name=\"item\" value=\"11\"/>"))
        #expect(html.contains("受理：第11项"))
        let plain = CitizenLookupPage.render(idNumber: nil, errors: FieldErrors(), context: ViewFixture.context).render()
        #expect(!plain.contains("name=\"item\""))
    }
}
