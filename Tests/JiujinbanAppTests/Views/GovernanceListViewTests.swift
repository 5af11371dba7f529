import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// 问题台账, 申请单台账 and the acceptance page, rendered from hand-made values (issue 21: a page renders a plain
/// value): what each line shows, in order, escaped, and what the viewer's capabilities add.
@Suite("Governance lists render their values")
struct GovernanceListViewTests {
    static func context(_ capabilities: Set<Capability>) -> PageContext {
        PageContext(holdsDemoData: false, path: "/", user: ViewFixture.context.user, csrfToken: "csrf-7f3a",
                    capabilities: capabilities)
    }

    static func ledgerRow(_ n: Int, overdue: Bool, summary: String, escalations: Int = 0, gap: Bool = false) -> ProblemLedgerRow {
        ProblemLedgerRow(
            id: ViewFixture.id(n), number: "WT-140830-2026-00\(n)", filedAt: ViewFixture.morning, reporter: "古魏镇综合便民服务中心 李娜",
            categoryLabel: "业务指导", areaLabel: "就业", summary: summary, deskName: "芮城县人社局业务骨干", escalations: escalations,
            assignmentGap: gap, stateLabel: overdue ? "待答复" : "已答复", limitText: overdue ? "答复 2026-12-08" : "承诺 2026-12-20",
            isOverdue: overdue)
    }

    @Test("问题台账: each line's cells in order, the overdue line marked, its link, a hostile summary escaped")
    func ledger() {
        let rows = [Self.ledgerRow(12, overdue: true, summary: ViewFixture.hostile, escalations: 2, gap: true),
                    Self.ledgerRow(13, overdue: false, summary: "社保卡补换流程咨询")]
        let training = TrainingSessionLine(date: "2026-12-08", time: "09:30", topic: "失业登记办理要点", areas: "就业、社会保险",
                                           counties: "芮城县、永济市", venue: "第二会议室")
        let html = ProblemLedgerPage.render(rows, filter: ProblemReportStore.Filter(), groups: [], trainings: [training], limit: 200,
                                            context: Self.context([.reportProblem])).render()
        let cells = ViewFixture.rows(html)
        #expect(cells.contains(["WT-140830-2026-0012", "2026-12-03 09:30:00", "古魏镇综合便民服务中心 李娜", "业务指导", "就业",
                                ViewFixture.hostileEscaped, "芮城县人社局业务骨干上报2次责任清单缺项", "待答复", "答复 2026-12-08超期"]))
        #expect(cells.contains(["WT-140830-2026-0013", "2026-12-03 09:30:00", "古魏镇综合便民服务中心 李娜", "业务指导", "就业",
                                "社保卡补换流程咨询", "芮城县人社局业务骨干", "已答复", "承诺 2026-12-20"]))
        #expect(cells.contains(["2026-12-08", "09:30", "失业登记办理要点", "就业、社会保险", "芮城县、永济市", "第二会议室"]))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.components(separatedBy: "class=\"row-overdue\"").count == 2)
        #expect(html.contains("href=\"\(SiteURL.problem(id: ViewFixture.id(12)).path)\">WT-140830-2026-0012</a>"))
        #expect(html.range(of: "WT-140830-2026-0012")!.lowerBound < html.range(of: "WT-140830-2026-0013")!.lowerBound)
        #expect(html.contains("共 2 条") && html.contains(">反映问题</a>") && !html.contains(">责任清单</a>"))
    }

    @Test("问题台账 at its limit asks to narrow the filters; empty says so and shows no table")
    func ledgerLimitAndEmpty() {
        let rows = [Self.ledgerRow(12, overdue: false, summary: "一"), Self.ledgerRow(13, overdue: false, summary: "二")]
        let full = ProblemLedgerPage.render(rows, filter: ProblemReportStore.Filter(), groups: [], trainings: [], limit: 2,
                                            context: Self.context([])).render()
        #expect(full.contains("显示最新 2 条，请用筛选条件缩小范围，或导出全部"))
        #expect(!full.contains("近期业务指导视频培训"))
        let empty = ProblemLedgerPage.render([], filter: ProblemReportStore.Filter(), groups: [], trainings: [], limit: 200,
                                             context: Self.context([])).render()
        #expect(empty.contains("没有符合条件的问题") && empty.contains("共 0 条") && !empty.contains("<tbody"))
    }

    @Test("申请单台账: number linked, unit, flow, items, state and time per line, in the given order")
    func applications() {
        let lines = [
            ApplicationListLine(id: ViewFixture.id(21), number: "SQ-140830-2026-0002", applicantUnitName: "古魏镇综合便民服务中心",
                                flowLabel: "服务点经办账号", itemSummary: "新增账号1个", stateLabel: "待县级审核",
                                filedAt: ViewFixture.morning),
            ApplicationListLine(id: ViewFixture.id(22), number: "SQ-140830-2026-0001", applicantUnitName: ViewFixture.hostile,
                                flowLabel: "县级管理员账号", itemSummary: "变更权限", stateLabel: "已办结", filedAt: ViewFixture.morning),
        ]
        let html = ApplicationListPage.render(lines, state: nil, context: Self.context([.fileAccountApplication])).render()
        let cells = ViewFixture.rows(html)
        #expect(Array(cells.dropFirst()) == [
            ["SQ-140830-2026-0002", "古魏镇综合便民服务中心", "服务点经办账号", "新增账号1个", "待县级审核", "2026-12-03 09:30:00"],
            ["SQ-140830-2026-0001", ViewFixture.hostileEscaped, "县级管理员账号", "变更权限", "已办结", "2026-12-03 09:30:00"],
        ])
        #expect(html.contains("href=\"\(SiteURL.accountApplication(id: ViewFixture.id(21)).path)\">SQ-140830-2026-0002</a>"))
        #expect(!html.contains(ViewFixture.hostile))
        #expect(html.contains("共 2 张申请单") && html.contains(">填写申请单</a>") && !html.contains("导出备案表"))
    }

    @Test("验收 for a city reader: latest inspection, history with photo links, kiosks and milestones; no form")
    func acceptanceReadOnly() {
        let point = ServicePointSummary(
            id: ViewFixture.id(30), code: "140830100201-01", divisionCode: "140830100201", townshipName: "古魏镇", divisionName: "令花村",
            kind: .village, name: "令花村服务点", institution: "令花村党群服务中心", address: "令花村1号", longitude: 110.69, latitude: 34.69,
            coordinatesAreDemo: false, farthestResidenceMeters: 1500, status: .active, disabledReason: nil, disabledOn: nil)
        let facts = AcceptanceFacts(
            history: [.init(id: ViewFixture.id(41), inspectedOn: "2026-12-01", total: 55, passed: false, reinspectOn: "2026-12-20",
                            inspectorName: "赵敏", photoCount: 2),
                      .init(id: ViewFixture.id(40), inspectedOn: "2026-06-01", total: 88, passed: true, reinspectOn: nil,
                            inspectorName: "王强", photoCount: 0)],
            milestones: [:],
            kiosks: [.init(serialNumber: "SN-0042", installedOn: "2026-11-02", statusLabel: "在用")],
            permissionApplied: false)
        let html = AcceptancePage.render(point, facts: facts, inspects: false, passMark: 80, values: [:], errors: FieldErrors(),
                                         today: CalendarDate(year: 2026, month: 12, day: 3)!, context: ViewFixture.context).render()
        #expect(html.contains("<div class=\"notice notice-warn\"><p>最近一次验收：2026-12-01，55分，不合格，2026-12-20复验（验收人：赵敏）</p></div>"))
        let rows = ViewFixture.rows(html)
        #expect(rows.contains(["2026-12-01", "55", "不合格", "2026-12-20", "赵敏", "照片1 照片2 "]))
        #expect(rows.contains(["2026-06-01", "88", "合格", "", "王强", ""]))
        #expect(html.contains("href=\"\(SiteURL.acceptancePhoto(id: ViewFixture.id(41), position: 2).path)\""))
        #expect(html.contains("自助设备：SN-0042（2026-11-02安装，在用）"))
        for kind in PointMilestoneRecord.Kind.allCases { #expect(html.contains("\(kind.label)：未登记")) }
        #expect(html.contains("验收由县级人社部门组织") && !html.contains("提交验收结果") && !html.contains("保存建设进度"))
    }
}
