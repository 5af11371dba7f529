import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Problem detail, the citizen's page, notifications, the development SMS outbox and the card simulator, rendered
/// from hand-made values: masking, escaping, and what each viewer may do.
@Suite("Problem, citizen and notice pages render their values")
struct GovernanceViewTests {
    static func detail(holds: Bool, mayConfirm: Bool) -> ProblemDetail {
        ProblemDetail(
            id: ViewFixture.id(5), number: "WT-140830-2026-0012", reporter: "古魏镇综合便民服务中心 李娜", filedAt: ViewFixture.morning,
            categoryLabel: "业务指导", areaLabel: "就业", stateLabel: "待答复", isOverdue: true, deskName: "芮城县人社局业务骨干",
            assignee: "赵敏（业务骨干）", assignmentGap: false, path: "古魏镇 → 芮城县人社局业务骨干", limitText: "答复期限 2026-12-08",
            description: "第一行\n" + ViewFixture.hostile, suggestion: nil, screenshotPositions: [1],
            entries: [.init(at: ViewFixture.morning, actorUnitName: "古魏镇综合便民服务中心", actorName: "李娜", heading: "反映问题 → 芮城县人社局业务骨干",
                            text: nil)],
            holds: holds, escalation: holds ? "运城市人社局" : nil, mayConfirm: mayConfirm, maySolve: false)
    }

    @Test("问题详情: facts, the overdue tag, every line of the description escaped, the holding desk's actions")
    func problemDetail() {
        let html = ProblemDetailPage.render(Self.detail(holds: true, mayConfirm: false), error: nil, context: ViewFixture.context).render()
        #expect(html.contains("<dt>当前承办</dt><dd>芮城县人社局业务骨干（承办人：赵敏（业务骨干））</dd>"))
        #expect(html.contains("<dt>时限</dt><dd>答复期限 2026-12-08</dd>"))
        #expect(html.contains("tag tag-late\">超期"))
        #expect(html.contains("<p>第一行</p><p>\(ViewFixture.hostileEscaped)</p>"))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.contains(">无法解决，上报运城市人社局</button>"))
        #expect(!html.contains("确认处理结果"))
        #expect(html.contains("alt=\"截图1\""))
        #expect(html.contains("2026-12-03 09:30:00 古魏镇综合便民服务中心 李娜：<strong>反映问题 → 芮城县人社局业务骨干</strong>"))
    }

    @Test("问题详情 for the reporter: confirm or reopen, no reply form")
    func problemDetailForReporter() {
        let html = ProblemDetailPage.render(Self.detail(holds: false, mayConfirm: true), error: nil, context: ViewFixture.context).render()
        #expect(html.contains("确认处理结果") && html.contains(">未解决，重新反映</button>"))
        #expect(!html.contains("答复或上报") && !html.contains(">已解决</button>"))
    }

    @Test("办事群众页面: the ID number and phone masked until revealed, hidden cases unlinked")
    func citizenPage() {
        let citizen = CitizenView(
            id: ViewFixture.id(6), name: "张三丰", idNumber: Masking.maskedIDNumber("140830199001011234"),
            phone: Masking.maskedPhone("13903590001"), cardNumber: nil, sex: "男", birthDate: "1990-01-01", age: 36,
            hukouName: "芮城县古魏镇令花村", residenceName: "令花村", ethnicity: "汉族", residenceAddress: nil, revealedUntil: nil)
        let lines = [CitizenPage.CaseLine(id: ViewFixture.id(7), number: "N-1", itemName: "失业登记", acceptedOn: "2026-12-01",
                                          state: "已办结", visible: true),
                     CitizenPage.CaseLine(id: ViewFixture.id(8), number: "N-2", itemName: "就业登记", acceptedOn: "2026-12-02",
                                          state: "待审核", visible: false)]
        let html = CitizenPage.render(citizen, cases: lines, services: CitizenServices(groups: []), context: ViewFixture.context).render()
        #expect(html.contains("<dt>身份证号码</dt><dd class=\"code\">\(Masking.maskedIDNumber("140830199001011234"))</dd>"))
        #expect(!html.contains("140830199001011234") && !html.contains("13903590001"))
        #expect(html.contains("<dt>社会保障卡卡号</dt><dd class=\"code\">未登记</dd>"))
        #expect(html.contains("显示完整信息（将记入审计日志）"))
        #expect(html.contains(">N-1</a>") && html.contains("<td class=\"code\">N-2</td>"))
    }

    @Test("我的通知: unread marked, hostile titles escaped, the button says what it does")
    func notifications() {
        let notices = [
            NotificationsPage.Notice(id: ViewFixture.id(10), title: ViewFixture.hostile, body: "请审核", createdAt: ViewFixture.morning,
                                     isRead: false, hasLink: true),
            NotificationsPage.Notice(id: ViewFixture.id(11), title: "月报已采用", body: "古魏镇", createdAt: ViewFixture.morning,
                                     isRead: true, hasLink: false),
        ]
        let html = NotificationsPage.render(notices, context: ViewFixture.context).render()
        #expect(html.contains("<strong>\(ViewFixture.hostileEscaped)</strong>"))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.components(separatedBy: ">未读</span>").count == 2)
        #expect(html.contains(">查看</button>") && html.contains(">标记已读</button>"))
        #expect(NotificationsPage.render([], context: ViewFixture.context).render().contains("暂无通知"))
    }

    @Test("短信发件箱（开发）: phones masked, statuses in Chinese")
    func developmentSMS() {
        let line = DevelopmentSMSPage.Line(createdAt: ViewFixture.morning, maskedPhone: Masking.maskedPhone("13903590001"),
                                           body: "您的办件已受理", status: "sent")
        let rows = ViewFixture.rows(DevelopmentSMSPage.render([line], context: ViewFixture.context).render())
        #expect(rows.contains(["2026-12-03 09:30:00", Masking.maskedPhone("13903590001"), "您的办件已受理", "已发送（开发环境，未实际发出）"]))
    }

    @Test("扫码模拟器: demonstration people with masked ID numbers, the ticket carried")
    func cardSimulator() {
        let person = CardSimulator.Person(id: ViewFixture.id(12), name: "王建华", maskedID: Masking.maskedIDNumber("140100197503120310"),
                                          accounts: "省级系统管理员（山西省人社厅）")
        let html = CardSimulatorPage.render([person], ticket: "t-123", context: ViewFixture.context).render()
        #expect(ViewFixture.rows(html).contains(["王建华", Masking.maskedIDNumber("140100197503120310"), "省级系统管理员（山西省人社厅）", "扫码并确认"]))
        #expect(html.contains("name=\"ticket\" value=\"t-123\""))
        #expect(!html.contains("140100197503120310"))
    }
}
