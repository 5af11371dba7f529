import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// The monthly table, its progress panel and two forms with errors, rendered from hand-made values.
@Suite("Monthly report and forms render their values")
struct ReportAndFormViewTests {
    static func point(_ kind: ServicePointKind, _ name: String, key: String, tasks: [ReportTask: Bool]) -> ReportInput.Point {
        ReportInput.Point(kind: kind, divisionName: name, areaCentiKm2: 1234, population: 12_345, institution: name + "党群服务中心",
                          address: name + "中心街1号", coordinate: GeoCoordinate(longitude: 110.5, latitude: 34.7)!,
                          farthestResidenceMeters: 2_350, tasks: ReportTasks(tasks), key: key)
    }

    static let month = ReportMonth(year: 2026, month: 11)!

    static func progress(comment: String?) -> ReportProgress {
        ReportProgress(
            townships: [.init(code: "140830100000", name: "古魏镇", state: .submitted, submittedOn: "2026-12-18", onTime: true,
                              comment: comment, pendingException: nil),
                        .init(code: "140830101000", name: "南磑镇", state: .draft, submittedOn: nil, onTime: nil, comment: nil,
                              pendingException: (ViewFixture.id(9), "防汛抽调人员"))],
            counties: [], countyTasks: [.plan: true], deadline: CalendarDate(year: 2026, month: 11, day: 20)!)
    }

    @Test("调度表: the header, each point's answers in their numbered columns, why on hover, the progress panel")
    func monthlyTable() throws {
        let table = MonthlyReportTable(cities: [ReportInput.City(name: "运城市", counties: [
            ReportInput.County(name: "芮城县", townships: [ReportInput.Township(name: "古魏镇", points: [
                Self.point(.townshipCentre, "古魏镇", key: "p1", tasks: [.authorisation: true]),
                Self.point(.village, "令花村", key: "p2", tasks: [.authorisation: true, .kiosk: true]),
            ])], tasks: [.plan: true]),
        ])], scope: .county)
        let result = MonthlyReportBuilder.Result(table: table, reasons: ["p2": [.kiosk: "在用自助设备：SN-0042"]], scopeName: "芮城县")
        let html = MonthlyReportPage.render(result, root: try DivisionCode("140830000000"), month: Self.month, children: [],
                                            progress: Self.progress(comment: ViewFixture.hostile), reviews: true,
                                            context: ViewFixture.context).render()
        #expect(html.contains("<title>\(MonthlyReportLayout.title)"))
        #expect(html.contains("报送单位(公章)：芮城县") && html.contains("报送月份：2026-11"))
        let rows = ViewFixture.rows(html)
        let village = try #require(rows.first { $0.contains("令花村党群服务中心") })
        #expect(village.count == MonthlyReportLayout.columnCount)
        #expect(village[ReportTask.kiosk.rawValue - 1] == "1")
        #expect(village[ReportTask.authorisation.rawValue - 1] == "1")
        let centre = try #require(rows.first { $0.contains("古魏镇党群服务中心") })
        #expect(centre[ReportTask.kiosk.rawValue - 1] != "1")
        #expect(html.contains("title=\"在用自助设备：SN-0042\""))
        #expect(html.contains("报送情况：已报送1/2个乡镇，按时1个"))
        #expect(rows.contains { $0.starts(with: ["古魏镇", "已报送", "2026-12-18", "按时", ViewFixture.hostileEscaped]) })
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.contains("延期申请：防汛抽调人员"))
        #expect(html.contains(">采用</button>"))
    }

    @Test("A reader who does not review sees no decision buttons")
    func progressWithoutReview() {
        let html = Self.progress(comment: nil).panel(month: Self.month, reviews: false, context: ViewFixture.context).render()
        #expect(!html.contains(">采用</button>") && !html.contains("延期申请"))
        #expect(html.contains("<td>南磑镇</td><td>填报中</td>"))
    }

    @Test("Service-point form with errors: the message under its own field, the typed text kept and escaped")
    func servicePointForm() {
        var errors = FieldErrors()
        errors.add("latitude", "纬度须在3°–54°之间（中国境内）")
        let form = ServicePointForm(divisionCode: "140830100201", kind: "village", name: ViewFixture.hostile, latitude: "91")
        let html = ServicePointFormPage.render(
            editing: nil, form: form, errors: errors,
            divisions: GroupedChoices(groups: [.init(key: "140830100000", label: "古魏镇", choices: [.init(value: "140830100201", label: "令花村")])]),
            context: ViewFixture.context).render()
        #expect(html.contains("<title>新增服务点"))
        #expect(html.contains("提交未成功，请修改以下1处问题"))
        #expect(ViewFixture.field("latitude", in: html)?.contains("纬度须在3°–54°之间（中国境内）") == true)
        #expect(ViewFixture.field("latitude", in: html)?.contains("value=\"91\"") == true)
        #expect(ViewFixture.field("longitude", in: html)?.contains("field-error") == false)
        #expect(ViewFixture.field("name", in: html)?.contains("value=\"\(ViewFixture.hostileInAttribute)\"") == true)
        #expect(html.contains("<optgroup label=\"古魏镇\"><option value=\"140830100201\" selected=\"selected\">令花村</option></optgroup>"))
        #expect(html.contains("name=\"csrf_token\" value=\"csrf-7f3a\"") || html.contains("value=\"csrf-7f3a\""))
    }

    @Test("登记办事群众 with errors: the ID-number message by the ID number, the division choices offered")
    func citizenForm() {
        var errors = FieldErrors()
        errors.add("id_number", "第1行：身份证号码校验位不正确")
        let guwei = GroupedChoices.Group(key: "140830100000", label: "古魏镇", choices: [.init(value: "140830100201", label: "令花村")])
        let choices = CitizenFormPage.Choices(hukou: GroupedChoices(loose: [.init(value: "140830000000", label: "芮城县")], groups: [guwei]),
                                              residence: GroupedChoices(groups: [guwei]))
        let html = CitizenFormPage.render(draft: CitizenDraft(idNumber: "140830199001011235"), errors: errors, notice: nil,
                                          choices: choices, context: ViewFixture.context).render()
        #expect(ViewFixture.field("id_number", in: html)?.contains("身份证号码校验位不正确") == true)
        #expect(ViewFixture.field("name", in: html)?.contains("field-error") == false)
        #expect(html.contains(">令花村</option>") && html.contains(">芮城县</option>"))
        // Both lists in groups, each marked for site.js's filter box.
        #expect(html.components(separatedBy: "<optgroup label=\"古魏镇\">").count == 3)
        #expect(html.contains("<select name=\"residence_division\" id=\"residence_division\" data-filter=\"输入村或社区名称筛选\""))
    }
}
