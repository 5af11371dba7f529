import Foundation
@testable import JiujinbanApp
@testable import JiujinbanRules
import Testing

/// The find-work pages rendered from hand-made values (issue 21, deliverable 3): a posting, a gig, item 2's
/// recommendations and the 《就业创业证》 page. No database: each page is a pure render of its value.
@Suite("Find-work pages render their values")
struct FindWorkViewTests {
    static func posting(open: Bool, manages: Bool, matchesSeekers: Bool) -> JobPostingView {
        JobPostingView(id: ViewFixture.id(11), title: "叉车司机", employerID: ViewFixture.id(12), employerName: ViewFixture.hostile,
                       occupationText: "6-29 运输设备和通用工程机械操作人员", headcount: 3, wageText: "4000–5500", requirementsText: "初中及以上，18–50岁",
                       placeText: "运城市 芮城县 古魏镇 风陵渡路8号", hoursText: "未填写", validUntil: "2027-02-28", contactText: "王经理 13800000000",
                       statusText: open ? "招聘中" : "已停止招聘（已招满）", isOpen: open, manages: manages, matchesSeekers: matchesSeekers)
    }

    @Test("岗位 page: each fact in its place, the employer linked and escaped; the actions only while open")
    func postingPage() {
        let html = JobPostingPages.show(Self.posting(open: true, manages: true, matchesSeekers: true), context: ViewFixture.context).render()
        #expect(html.contains("<title>叉车司机"))
        #expect(html.contains("<dt>用人单位</dt><dd><a href=\"/jobs/employers/\(ViewFixture.id(12).uuidString.lowercased())\">\(ViewFixture.hostileEscaped)</a></dd>"))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.contains("<dt>月薪</dt><dd>4000–5500元</dd>"))
        #expect(html.contains("<dt>招聘人数</dt><dd>3人</dd>"))
        #expect(html.contains("<dt>工作地点</dt><dd>运城市 芮城县 古魏镇 风陵渡路8号</dd>"))
        #expect(html.contains("<dt>状态</dt><dd><strong>招聘中</strong></dd>"))
        #expect(html.contains("适合的求职者（本辖区）"))
        #expect(html.contains("action=\"/jobs/postings/\(ViewFixture.id(11).uuidString.lowercased())/close\""))

        let closed = JobPostingPages.show(Self.posting(open: false, manages: true, matchesSeekers: true), context: ViewFixture.context).render()
        #expect(closed.contains("<strong>已停止招聘（已招满）</strong>"))
        #expect(!closed.contains("适合的求职者"))
        #expect(!closed.contains("停止招聘：</label>") && !closed.contains("/close\""))
        let reader = JobPostingPages.show(Self.posting(open: true, manages: false, matchesSeekers: false), context: ViewFixture.context).render()
        #expect(!reader.contains("适合的求职者") && !reader.contains("/close\""))
    }

    @Test("零工 page: the gig's facts; the hired form only when the value allows it, with the current count")
    func gigPage() {
        func gig(mayRecord: Bool) -> GigView {
            GigView(id: ViewFixture.id(21), skillName: "果树修剪", content: "苹果园冬季修剪", recruiterText: "个人招用",
                    placeText: "芮城县 陌南镇 东坡村", daysText: "2026-12-08 至 2026-12-12", headcountText: "5人，已招2人", dayWageText: "150元",
                    phone: "13900000000", stateLabel: "招用中", hired: 2, mayRecordHired: mayRecord)
        }
        let html = GigPages.show(gig(mayRecord: true), context: ViewFixture.context).render()
        #expect(html.contains("<title>零工：果树修剪"))
        #expect(html.contains("<dt>用工单位</dt><dd>个人招用</dd>"))
        #expect(html.contains("<dt>用工日期</dt><dd>2026-12-08 至 2026-12-12</dd>"))
        #expect(html.contains("<dt>招用人数</dt><dd>5人，已招2人</dd>"))
        #expect(html.contains("<dt>日工资</dt><dd>150元</dd>"))
        #expect(html.contains("<dt>状态</dt><dd><strong>招用中</strong></dd>"))
        #expect(html.contains("name=\"hired\" value=\"2\""))
        #expect(!GigPages.show(gig(mayRecord: false), context: ViewFixture.context).render().contains("name=\"hired\""))
    }

    static func recommendations(seeker: JobSeekerFacts?, matches: [JobMatchLine]) -> JobRecommendationsView {
        var view = JobRecommendationsView(citizenID: ViewFixture.id(31), maskedName: "张*", seeker: seeker, matches: matches, mayPush: true,
                                          mayRegister: true)
        view.recommended = !matches.isEmpty
        return view
    }

    static let activeSeeker = JobSeekerFacts(wantedText: "叉车司机", wageText: "4000元", distanceText: "10公里以内", placesText: "不限",
                                             educationLabel: "高中", availableFrom: "2026-12-10", statusText: "有效", isActive: true)

    /// The operator's context, admitting the pages of the next steps as their routes declare them.
    static let counter = PageContext(
        holdsDemoData: false, path: "/", user: PageContext.User(name: "李娜", post: .operator, unitName: "古魏镇综合便民服务中心"),
        csrfToken: "csrf-7f3a", capabilities: [.serveCitizens],
        routes: RouteGuards(pages: [(SiteURL.newCase(citizen: UUID(), item: 1).pattern, .capability(.serveCitizens)),
                                    (SiteURL.jobRecommendations(citizen: UUID()).pattern, .capability(.serveCitizens))]))

    @Test("岗位推荐: the registration's facts, the matches in the value's order with their reasons, and the push of exactly those")
    func recommendationsPage() {
        let matches = [
            JobMatchLine(postingID: "p-2", title: "装卸工", employerName: "芮城果品公司", score: 81,
                         reasons: [JobMatcher.Reason(factor: .occupation, points: 40, maximum: 40, text: "职业对口")]),
            JobMatchLine(postingID: "p-1", title: "叉车司机", employerName: "风陵渡物流", score: 64, reasons: []),
        ]
        let html = RecommendationPages.page(Self.recommendations(seeker: Self.activeSeeker, matches: matches),
                                            employment: .init(), context: ViewFixture.context).render()
        #expect(html.contains("<dt>求职人</dt><dd>张*</dd>"))
        #expect(html.contains("<dt>期望月薪</dt><dd>4000元</dd>"))
        #expect(html.contains("<dt>通勤距离</dt><dd>10公里以内</dd>"))
        #expect(html.contains("推荐岗位（2个）"))
        let first = html.range(of: "装卸工")!, second = html.range(of: "叉车司机</a>")!
        #expect(first.lowerBound < second.lowerBound)
        #expect(html.contains("<span class=\"points\">40/40</span> 职业对口"))
        #expect(html.contains("name=\"postings\" value=\"p-2,p-1\""))
        // Pushed or not, the service is recorded; no next steps while postings fit.
        #expect(html.contains("name=\"push\" value=\"yes\"") && html.contains("name=\"push\" value=\"no\"") && !html.contains("下一步"))
        #expect(html.contains("登记已就业") && html.contains("name=\"started_on\" id=\"started_on\" maxlength"))

        // Without a phone only the record without a message is offered.
        var silent = Self.recommendations(seeker: Self.activeSeeker, matches: matches)
        silent.hasPhone = false
        let noPhone = RecommendationPages.page(silent, employment: .init(), context: ViewFixture.context).render()
        #expect(!noPhone.contains("name=\"push\" value=\"yes\"") && noPhone.contains("不能短信推送"))

        let none = RecommendationPages.page(Self.recommendations(seeker: nil, matches: []), employment: .init(),
                                            context: ViewFixture.context).render()
        #expect(none.contains("该群众尚未进行固定工求职登记"))
        #expect(none.contains("办理求职登记"))
        #expect(!none.contains("推荐岗位") && !none.contains("登记已就业"))
    }

    @Test("岗位推荐 with nothing fitting: each next step as a link the user may open, the record, and 登记已就业 only after a recommendation")
    func nothingFits() {
        let citizen = ViewFixture.id(31)
        var view = Self.recommendations(seeker: Self.activeSeeker, matches: [])
        view.nextSteps = JobNextSteps(
            widen: [JobNextSteps.Link(label: "放宽到20公里", url: .jobRecommendations(citizen: citizen, query: [("distance_km", "20")]))],
            gigs: [JobNextSteps.Link(label: "零工求职登记", url: .newCase(citizen: citizen, item: GigSeekerItem.seq))],
            training: [JobNextSteps.Link(label: "职业技能培训", url: .newCase(citizen: citizen, item: 16))],
            postings: JobNextSteps.Link(label: "查询全部招聘岗位", url: .newCase(citizen: citizen, item: JobPostingSearchItem.seq)))
        let html = RecommendationPages.page(view, employment: .init(), context: Self.counter).render()
        #expect(html.contains("暂无符合条件的岗位：下一步"))
        #expect(html.contains(">放宽到20公里</a>") && html.contains(">零工求职登记</a>") && html.contains(">职业技能培训</a>")
                && html.contains(">查询全部招聘岗位</a>"))
        #expect(html.contains("记录本次服务结果") && html.contains("name=\"postings\"/>") && !html.contains("name=\"push\" value=\"yes\""))
        #expect(!html.contains("登记已就业"))
        // A user whose routes do not admit the pages sees no link to them.
        let closed = RecommendationPages.page(view, employment: .init(), context: ViewFixture.context).render()
        #expect(!closed.contains(">放宽到20公里</a>") && !closed.contains(">零工求职登记</a>"))
        // After a recommendation (an earlier case) the form is offered, empty.
        view.recommended = true
        #expect(RecommendationPages.page(view, employment: .init(), context: Self.counter).render().contains("<h2>登记就业</h2>"))
        // Widened: said so, with the way back to the registered search.
        view.widening = JobSearchWidening(radius: .kilometres(20))
        let widened = RecommendationPages.page(view, employment: .init(), context: Self.counter).render()
        #expect(widened.contains("本次查询已通勤距离放宽至20公里") && widened.contains("name=\"widening\" value=\"distance_km=20\""))
    }

    @Test("就业创业证: the card, the history with case numbers only where given, and the end form for the active registration")
    func employmentCardPage() {
        let view = EmploymentCardView(
            citizenID: ViewFixture.id(41), maskedName: "李*",
            card: EmploymentCardFacts(number: "1408302026000001", issuedOn: "2026-11-02", status: "失业", statusSince: "2026-11-02"),
            history: [
                RegistrationLine(kindLabel: "失业登记", summary: "原单位：芮城果品公司", startedOn: "2026-11-01", approvedOn: "2026-11-02",
                                 caseID: ViewFixture.id(42), caseNumber: "140830-20261101-0003", statusText: "有效"),
                RegistrationLine(kindLabel: "灵活就业登记", summary: "个体经营", startedOn: "2025-03-01", approvedOn: "2025-03-02",
                                 caseID: ViewFixture.id(43), caseNumber: nil, statusText: "已于2026-10-31终止（停止灵活就业）"),
            ],
            hasActive: true, activeKind: .unemployed, endable: ActiveRegistration(id: ViewFixture.id(44), kind: .unemployed),
            mayEnd: [.unemployed], mayRegisterFlexible: true, mayRegisterUnemployed: true, mayRecordQuery: true)
        let html = RegistrationPages.card(view, errors: FieldErrors(), context: ViewFixture.context).render()
        let rows = ViewFixture.rows(html)
        #expect(html.contains("<dt>证号</dt><dd class=\"code\">1408302026000001</dd>"))
        #expect(rows.contains(["失业登记", "原单位：芮城果品公司", "2026-11-01", "2026-11-02", "140830-20261101-0003", "有效"]))
        #expect(rows.contains(["灵活就业登记", "个体经营", "2025-03-01", "2025-03-02", "—", "已于2026-10-31终止（停止灵活就业）"]))
        #expect(html.contains("<h2>终止失业登记</h2>"))
        #expect(html.contains("/registrations/\(ViewFixture.id(44).uuidString.lowercased())/end"))
        // An active registration: only flexible employment may still be registered.
        #expect(html.contains("办理灵活就业登记") && !html.contains("办理失业登记"))
    }
}
