import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// The case pages rendered from hand-made values (issue 21, deliverable 3): 受理回执, 一次性告知单, 办件页面, 受理 form.
@Suite("Case pages render their values")
struct CaseViewTests {
    static func receipt(notice: Bool, missing: [String] = []) -> CaseReceipt {
        CaseReceipt(caseID: ViewFixture.id(1), number: "140830-20261203-0007", acceptedOn: "2026-12-03",
                    maskedCitizenName: Masking.maskedName("张三丰"), itemName: "失业登记", institution: "古魏镇综合便民服务中心",
                    deadlineText: "2026-12-10（暂定）", isNotice: notice, stateLabel: notice ? "退回补正" : "已受理，待审核",
                    wording: CaseFile.State.accepted.receiptWording(deadline: "2026-12-10（暂定）"), missing: missing)
    }

    @Test("受理回执: each value in its cell, the citizen's name masked, the case linked in the trail")
    func receiptCells() {
        let html = CaseReceiptPage.render(Self.receipt(notice: false), context: ViewFixture.context).render()
        let rows = ViewFixture.rows(html)
        #expect(html.contains("<title>受理回执"))
        #expect(rows.contains(["办件编号", "140830-20261203-0007", "受理日期", "2026-12-03"]))
        #expect(rows.contains(["办事群众", "张**", "服务事项", "失业登记"]))
        #expect(rows.contains(["受理单位", "古魏镇综合便民服务中心", "办结期限", "2026-12-10（暂定）"]))
        #expect(html.contains("办理状态：已受理，待审核。您的申请已受理，正在审核，将于2026-12-10（暂定）前办结。"))
        #expect(!html.contains("张三丰"))
        #expect(!html.contains("一次性告知单"))
        #expect(html.contains("href=\"/cases/\(ViewFixture.id(1).uuidString.lowercased())\""))
    }

    @Test("受理回执 of a case a kiosk opened names the channel and the kiosk; a counter case says 柜面")
    func receiptChannel() {
        #expect(ViewFixture.rows(CaseReceiptPage.render(Self.receipt(notice: false), context: ViewFixture.context).render())
            .contains(["受理渠道", "柜面"]))
        var kiosk = Self.receipt(notice: false)
        kiosk.channelText = "自助机（自助机 JJB-K-0001）"
        let rows = ViewFixture.rows(CaseReceiptPage.render(kiosk, context: ViewFixture.context).render())
        #expect(rows.contains(["受理渠道", "自助机（自助机 JJB-K-0001）"]))
    }

    @Test("一次性告知单: every missing document listed once, hostile text escaped")
    func noticeListsMissing() {
        let html = CaseReceiptPage.render(Self.receipt(notice: true, missing: ["户口簿原件", ViewFixture.hostile]),
                                          context: ViewFixture.context).render()
        #expect(html.contains("<title>一次性告知单"))
        #expect(html.contains("请一次性补齐以下材料后再来办理："))
        #expect(html.contains("打印一次性告知单"), "the notice is printed for the person")
        #expect(html.contains("<ol><li>户口簿原件</li><li>\(ViewFixture.hostileEscaped)</li></ol>"))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(!html.contains("您的申请已受理"))
    }

    static func view(actions: CaseView.Actions, reason: String? = nil) -> CaseView {
        CaseView(id: ViewFixture.id(2), number: "140830-20261203-0008", itemText: "第7项 就业困难人员认定", maskedCitizenName: "王**",
                 stateLabel: "待审核", isReturned: false, acceptedOn: "2026-12-03", deadlineText: "2026-12-17，一个工作日内到期",
                 decisionReason: reason, missing: [],
                 steps: [.init(at: ViewFixture.morning, actorUnitName: "古魏镇综合便民服务中心", actorName: "李娜", action: "accept", detail: nil),
                         .init(at: ViewFixture.morning.addingTimeInterval(3600), actorUnitName: "芮城县人社局", actorName: "赵敏",
                               action: "return", detail: "缺少照片")],
                 actions: actions)
    }

    @Test("办件页面: facts, the timeline in words, and only the actions the value allows")
    func caseFile() {
        let html = CasePage.render(Self.view(actions: .init(approve: true)), error: nil, context: ViewFixture.context).render()
        #expect(html.contains("<dt>服务事项</dt><dd>第7项 就业困难人员认定</dd>"))
        #expect(html.contains("<dt>办结期限</dt><dd>2026-12-17，一个工作日内到期</dd>"))
        #expect(html.contains("2026-12-03 09:30:00 古魏镇综合便民服务中心 李娜：<strong>受理</strong>"))
        #expect(html.contains("<strong>退回补正</strong>（缺少照片）"))
        #expect(html.contains(">审核通过</button>") && html.contains(">不予办理</button>"))
        #expect(!html.contains(">退回补正</button>") && !html.contains(">补正后重新提交</button>"))
        #expect(html.contains("打印受理回执"))
    }

    @Test("办件页面 for the reviewer: the person masked with a link back, what the operator entered, each decision its own form")
    func caseFileForReview() {
        var view = Self.view(actions: .init(approve: true, returnForDocuments: true))
        view.person = CaseView.Person(id: ViewFixture.id(3), maskedName: "王**", maskedIDNumber: "140830********1232", age: 36,
                                      residence: "芮城县 古魏镇 太安村")
        view.content = [CaseFormContent.Line(label: "备注", value: ViewFixture.hostile)]
        let context = PageContext(
            holdsDemoData: false, path: "/", user: PageContext.User(name: "郑雅琴", post: .reviewer, unitName: "芮城县人社局"),
            csrfToken: "csrf-7f3a", capabilities: [.serveCitizens, .review(item: 7)],
            routes: RouteGuards(pages: [(SiteURL.citizen(id: ViewFixture.id(3)).pattern, .capability(.serveCitizens))]))
        let html = CasePage.render(view, error: nil, context: context).render()
        let person = "/citizens/\(ViewFixture.id(3).uuidString.lowercased())"
        #expect(html.contains("<dt>姓名</dt><dd><a href=\"\(person)\">王**</a></dd>"))
        #expect(html.contains("<dt>身份证号码</dt><dd class=\"code\">140830********1232</dd>"))
        #expect(html.contains("<dt>年龄</dt><dd>36周岁</dd>") && html.contains("<dt>居住地</dt><dd>芮城县 古魏镇 太安村</dd>"))
        #expect(html.contains("<dt>备注</dt><dd>\(ViewFixture.hostileEscaped)</dd>"))
        #expect(html.contains(">返回群众页面</a>"))
        // A post that may read the case but not open the person's page sees the name, not a link that would answer 403.
        let auditor = CasePage.render(view, error: nil, context: ViewFixture.context).render()
        #expect(auditor.contains("<dt>姓名</dt><dd>王**</dd>") && !auditor.contains("返回群众页面"))
        // Nor when the person is out of the viewer's reach (served from another village, the lookup window closed).
        view.person?.pageOpens = false
        let outOfReach = CasePage.render(view, error: nil, context: context).render()
        #expect(outOfReach.contains("<dt>姓名</dt><dd>王**</dd>") && !outOfReach.contains("返回群众页面"))
        // Approve, return and reject: three forms, each with its own confirmation; the reason only with 不予办理.
        #expect(html.components(separatedBy: "<form class=\"form decision\"").count - 1 == 3)
        #expect(html.components(separatedBy: "data-confirm=").count - 1 == 3)
        let reject = try? #require(html.range(of: "<h3>不予办理</h3>"))
        let reason = try? #require(html.range(of: "name=\"reason\""))
        if let reject, let reason { #expect(reject.lowerBound < reason.lowerBound) }
    }

    @Test("受理内容: a choice and ticked boxes by their labels, text as typed; confirmations, start-page values and blanks left out")
    func formContent() {
        let options = [FormFields.Option(value: "a", label: "建筑"), FormFields.Option(value: "b", label: "保洁")]
        let fields = [
            CaseFormField(name: "documents_checked", label: "已核验材料", kind: .confirmation, required: true),
            CaseFormField(name: "postings", label: "推荐岗位", kind: .hidden, required: true),
            CaseFormField(name: "kind", label: "类别", kind: .choice(options), required: true),
            CaseFormField(name: "skills", label: "技能", kind: .checkboxes(options), required: true),
            CaseFormField(name: "days", label: "天数", kind: .text(maxLength: 3), required: false),
            CaseFormField(name: "note", label: "备注", kind: .text(maxLength: 200), required: false),
        ]
        let json = #"{"documents_checked":"yes","postings":["x"],"kind":"b","skills":["a","b"],"days":3,"note":""}"#
        #expect(CaseFormContent.lines(json: json, fields: fields) == [
            .init(label: "类别", value: "保洁"), .init(label: "技能", value: "建筑、保洁"), .init(label: "天数", value: "3"),
        ])
        #expect(CaseFormContent.lines(json: "not json", fields: fields).isEmpty)
    }

    @Test("工作台 for a reviewer: 待审核 first, and sections with cases before the empty ones")
    func workbenchOrder() {
        var waiting = CaseSummary(id: ViewFixture.id(5), number: "140830-20261203-0005", itemSeq: 21, acceptedOn: "2026-12-03",
                                  deadline: "2026-12-30", state: CaseFile.State.accepted.rawValue, servicePointID: ViewFixture.id(6),
                                  divisionCode: "140830100204", handlerAccount: ViewFixture.id(7), finishedAt: nil)
        (waiting.maskedCitizenName, waiting.pointName) = ("王**", "古魏镇新村村便民服务站")
        let reviewer = PageContext(holdsDemoData: false, user: PageContext.User(name: "郑雅琴", post: .reviewer, unitName: "芮城县人社局"),
                                   capabilities: [.serveCitizens, .review(item: 21)])
        let html = CaseWorkbenchPage.render(CaseWorkbenchPage.Lists(open: [waiting], finished: [], me: ViewFixture.id(8)),
                                            today: CalendarDate(year: 2026, month: 12, day: 3)!, nextWorkday: CalendarDate(year: 2026, month: 12, day: 4)!,
                                            catalogue: HomeViewTests.catalogue, context: reviewer).render()
        let sections = html.matches(of: /<h2>([^<]+)（(\d+)）<\/h2>/).map { (String($0.1), Int($0.2) ?? 0) }
        #expect(sections.first?.0 == "待审核" && sections.first?.1 == 1)
        #expect(sections.count == 6 && sections.dropFirst().allSatisfy { $0.1 == 0 })
        // The reviewer sees whose case it is and where it was accepted without opening it.
        #expect(html.contains("<th>办事群众</th>") && html.contains("<th>服务点</th>"))
        #expect(html.contains("<td>王**</td>") && html.contains("<td>古魏镇新村村便民服务站</td>"))
    }

    @Test("工作台 for a reviewer: 待审核 holds only what they may decide, as the navigation's count does")
    func workbenchReviewerQueue() {
        func summary(_ n: Int, item: Int, handler: UUID) -> CaseSummary {
            CaseSummary(id: ViewFixture.id(n), number: "140830-20261203-000\(n)", itemSeq: item, acceptedOn: "2026-12-03",
                        deadline: "2026-12-30", state: CaseFile.State.accepted.rawValue, servicePointID: ViewFixture.id(6),
                        divisionCode: "140830100204", handlerAccount: handler, finishedAt: nil)
        }
        let me = ViewFixture.id(8)
        let open = [summary(1, item: 21, handler: ViewFixture.id(7)),   // reviewable: counted
                    summary(2, item: 22, handler: ViewFixture.id(7)),   // an item this reviewer does not review
                    summary(3, item: 21, handler: me)]                   // accepted by the reviewer: another decides
        let reviewer = PageContext(holdsDemoData: false, user: PageContext.User(name: "郑雅琴", post: .reviewer, unitName: "芮城县人社局"),
                                   capabilities: [.serveCitizens, .review(item: 21)])
        let html = CaseWorkbenchPage.render(CaseWorkbenchPage.Lists(open: open, finished: [], me: me),
                                            today: CalendarDate(year: 2026, month: 12, day: 3)!, nextWorkday: CalendarDate(year: 2026, month: 12, day: 4)!,
                                            catalogue: HomeViewTests.catalogue, context: reviewer).render()
        let sections = Dictionary(html.matches(of: /<h2>([^<]+)（(\d+)）<\/h2>/).map { (String($0.1), Int($0.2) ?? 0) },
                                  uniquingKeysWith: { first, _ in first })
        #expect(sections["待审核"] == 1)
        // An operator's 待审核 is every case of theirs waiting for the county.
        let operatorContext = PageContext(holdsDemoData: false, user: PageContext.User(name: "李**", post: .operator, unitName: "太安村"),
                                          capabilities: [.serveCitizens])
        let operatorHTML = CaseWorkbenchPage.render(CaseWorkbenchPage.Lists(open: open, finished: [], me: me),
                                                    today: CalendarDate(year: 2026, month: 12, day: 3)!,
                                                    nextWorkday: CalendarDate(year: 2026, month: 12, day: 4)!,
                                                    catalogue: HomeViewTests.catalogue, context: operatorContext).render()
        #expect(operatorHTML.contains("<h2>待审核（3）</h2>"))
    }

    @Test("办件页面 without actions has no panel; a hostile reason is escaped")
    func caseFileReadOnly() {
        let html = CasePage.render(Self.view(actions: .init(), reason: ViewFixture.hostile), error: "请选择办理操作",
                                   context: ViewFixture.context).render()
        #expect(!html.contains("<h2>办理</h2>"))
        #expect(html.contains("<dt>不予办理理由</dt><dd>\(ViewFixture.hostileEscaped)</dd>"))
        #expect(html.contains("role=\"alert\"><p>请选择办理操作</p>"))
    }

    @Test("受理 form re-rendered with errors: each message next to its own field, the typed values kept")
    func formWithErrors() {
        let form = CaseForm(
            citizenID: ViewFixture.id(3), maskedCitizenName: "张**", itemSeq: 7, itemName: "就业困难人员认定", timeLimitText: "10个工作日",
            fields: [CaseFormField(name: "documents_checked", label: "已核验材料：身份证", kind: .confirmation, required: true),
                     CaseFormField(name: "category", label: "困难类别", kind: .choice([.init(value: "a", label: "零就业家庭成员")]), required: true),
                     CaseFormField(name: "note", label: "备注", kind: .text(maxLength: 200), required: false)])
        var errors = FieldErrors()
        errors.add("documents_checked", "请确认已核验材料")
        errors.add("category", "请选择困难类别")
        let html = CaseFormPage.render(form, values: ["note": ViewFixture.hostile, "category": ""], errors: errors,
                                       submission: ViewFixture.id(4), context: ViewFixture.context).render()
        #expect(html.contains("提交未成功，请修改以下2处问题"))
        #expect(ViewFixture.field("documents_checked", in: html)?.contains("请确认已核验材料") == true)
        #expect(ViewFixture.field("category", in: html)?.contains("请选择困难类别") == true)
        #expect(ViewFixture.field("category", in: html)?.contains("请确认已核验材料") == false)
        #expect(ViewFixture.field("note", in: html)?.contains("field-error") == false)
        #expect(html.contains("value=\"\(ViewFixture.hostileInAttribute)\""))
        #expect(html.contains("name=\"submission\" value=\"\(ViewFixture.id(4).uuidString.lowercased())\""))
        // The header names the person masked, in one form only (domain rules §10).
        #expect(html.contains("办事群众：张**；办结时限：10个工作日。"))
    }

    @Test("a refused decision shows again what the reviewer typed, with the problem")
    func refusedDecisionKeepsText() {
        var view = Self.view(actions: .init(approve: true, returnForDocuments: true))
        view.typed = CaseView.Typed(missing: "户口簿原件\n" + ViewFixture.hostile, reason: "材料不全")
        let html = CasePage.render(view, error: "请一次性列全需补正的材料", context: ViewFixture.context).render()
        #expect(html.contains("户口簿原件\n\(ViewFixture.hostileEscaped)</textarea>"))
        #expect(html.contains(">材料不全</textarea>"))
        #expect(html.contains("请一次性列全需补正的材料"))
    }
}
