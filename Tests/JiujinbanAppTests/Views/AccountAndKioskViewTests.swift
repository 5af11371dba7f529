import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// The new-account form with a person's existing accounts, and the kiosk register with an error, from hand-made values.
@Suite("Account and kiosk pages render their values")
struct AccountAndKioskViewTests {
    static func summary(_ n: Int, post: Post, unit: OrgUnit, unitName: String) -> AccountSummary {
        AccountSummary(account: StaffAccount(id: ViewFixture.id(n), personID: ViewFixture.id(99), post: post, unit: unit, status: .active),
                       name: "王建华", maskedIDNumber: Masking.maskedIDNumber("140830197503120310"),
                       maskedPhone: Masking.maskedPhone("13903590001"), unitName: unitName, statusReason: nil, lastLoginAt: nil,
                       lastSignOfLife: ViewFixture.morning, leakReportedAt: nil, grants: [], areas: [])
    }

    @Test("新增账号 with errors and 此人已有的账号: masked ID, only managed accounts linked, the unit message by its field")
    func accountForm() throws {
        let ruicheng = try DivisionCode("140830000000"), pinglu = try DivisionCode("140829000000")
        let listing = PersonAccounts.Listing(
            name: "王建华", maskedIDNumber: Masking.maskedIDNumber("140830197503120310"),
            accounts: [Self.summary(20, post: .reviewer, unit: .department(ruicheng), unitName: "芮城县人社局"),
                       Self.summary(21, post: .reviewer, unit: .department(pinglu), unitName: "平陆县人社局")])
        var errors = FieldErrors()
        errors.add("unit", "请选择所属单位")
        let html = AccountFormPage.render(
            form: AccountsController.NewAccountForm(), errors: errors, units: GroupedChoices(
                loose: [.init(value: "department:140830000000", label: "芮城县人社局")],
                groups: [.init(key: "140830100000", label: "古魏镇 服务点", choices: [.init(value: "sp:x", label: "服务点：太安村党群服务中心")])]),
            person: listing, manageable: [ViewFixture.id(20)], lookedUp: true, context: ViewFixture.context).render()
        #expect(html.contains("王建华（身份证号码 \(Masking.maskedIDNumber("140830197503120310"))）"))
        #expect(!html.contains("140830197503120310"))
        #expect(html.contains("href=\"/accounts/\(ViewFixture.id(20).uuidString.lowercased())\""))
        #expect(!html.contains(ViewFixture.id(21).uuidString.lowercased()))
        #expect(html.contains(">业务审核员</a></td><td>芮城县人社局</td>"))
        #expect(html.contains("<td>业务审核员</td><td>平陆县人社局</td>"))
        #expect(ViewFixture.field("unit", in: html)?.contains("请选择所属单位") == true)
        // The points by township, the departments before them.
        #expect(html.contains("<optgroup label=\"古魏镇 服务点\"><option value=\"sp:x\">服务点：太安村党群服务中心</option></optgroup>"))
        #expect(ViewFixture.field("post", in: html)?.contains("field-error") == false)
    }

    @Test("自助设备登记: each kiosk in its row, retire only for one in use, the serial's error by the serial")
    func kiosks() {
        let point = ServicePointSummary(
            id: ViewFixture.id(30), code: "140830100201-01", divisionCode: "140830100201", townshipName: "古魏镇", divisionName: "令花村",
            kind: .village, name: "令花村服务点", institution: "令花村党群服务中心", address: "令花村1号", longitude: 110.69, latitude: 34.69,
            coordinatesAreDemo: false, farthestResidenceMeters: 1500, status: .active, disabledReason: nil, disabledOn: nil)
        let rows = [KiosksController.Row(id: ViewFixture.id(31), serial: "SN-0042", installedOn: "2026-11-02", status: .active, point: point),
                    KiosksController.Row(id: ViewFixture.id(32), serial: "SN-0007", installedOn: "2025-03-01", status: .retired, point: point)]
        var errors = FieldErrors()
        errors.add("serial", "序列号SN-0042的设备已登记，不能重复登记")
        let html = KiosksPage.render(rows, points: [point], values: KioskDraft(point: nil, serial: "SN-0042", installedOn: nil),
                                     errors: errors, today: CalendarDate(year: 2026, month: 12, day: 3)!, context: ViewFixture.context).render()
        let table = ViewFixture.rows(html)
        #expect(table.contains(["SN-0042", "令花村服务点", "古魏镇", "2026-11-02", KioskStatus.active.label, "撤除"]))
        #expect(table.contains(["SN-0007", "令花村服务点", "古魏镇", "2025-03-01", KioskStatus.retired.label, ""]))
        #expect(html.contains("/kiosks/\(ViewFixture.id(31).uuidString.lowercased())"))
        #expect(!html.contains("/kiosks/\(ViewFixture.id(32).uuidString.lowercased())"))
        #expect(ViewFixture.field("serial", in: html)?.contains("不能重复登记") == true)
        #expect(ViewFixture.field("installed_on", in: html)?.contains("value=\"2026-12-03\"") == true)
        #expect(html.contains("<optgroup label=\"古魏镇\"><option value=\"\(ViewFixture.id(30).uuidString)\">令花村服务点</option></optgroup>"))
    }
}
