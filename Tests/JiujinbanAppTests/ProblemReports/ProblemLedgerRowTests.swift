import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// The ledger's line is built from the record by the query, not by the page: labels, the desk's name, the cut
/// description and the time limit are decided here (issue 21). Records made in memory; no database.
@Suite("问题台账's lines are built from records by the query")
struct ProblemLedgerRowTests {
    static func record(id: Int, desk: String, state: String, category: String, description: String,
                       promisedBy: String?) -> ProblemReportRecord {
        let record = ProblemReportRecord()
        record.id = ViewFixture.id(id)
        record.number = "WT-140830-2026-00\(id)"
        record.category = category
        record.area = BusinessArea.allCases[0].rawValue
        record.problemDescription = description
        record.reporterAccount = ViewFixture.id(99)
        record.reporterName = "李娜"
        record.reporterUnitName = "古魏镇综合便民服务中心"
        record.desk = desk
        record.chain = desk
        record.assignmentGap = false
        record.state = state
        record.filedAt = ViewFixture.morning
        record.assignedOn = "2026-11-02"
        record.promisedBy = promisedBy
        record.escalations = 1
        return record
    }

    static let today = CalendarDate(year: 2026, month: 12, day: 3)!

    @Test("an answered report past its promise: labels, the desk's name, the description cut at 40 with …, 承诺 and 超期")
    func answeredPastPromise() throws {
        let category = ProblemCategory.allCases[0]
        let record = Self.record(id: 12, desk: "140830000000", state: "answered", category: category.rawValue,
                                 description: String(repeating: "一", count: 41), promisedBy: "2026-11-20")
        let row = try ProblemLedgerQuery.row(record, deskNames: [.department(try DivisionCode("140830000000")): "芮城县人社局"],
                                             today: Self.today, calendar: WorkCalendar(years: []),
                                             limits: DatedSchedule([.init(from: Self.today, value: 3)]))
        #expect(row.id == ViewFixture.id(12) && row.number == "WT-140830-2026-0012")
        #expect(row.reporter == "古魏镇综合便民服务中心 李娜")
        #expect(row.categoryLabel == category.label && row.areaLabel == BusinessArea.allCases[0].label)
        #expect(row.summary == String(repeating: "一", count: 40) + "…")
        #expect(row.deskName == "芮城县人社局" && row.escalations == 1 && !row.assignmentGap)
        #expect(row.stateLabel == "已答复" && row.limitText == "承诺 2026-11-20" && row.isOverdue)
    }

    @Test("a row the rules cannot read shows its stored words, no time limit, and is not overdue")
    func unreadable() throws {
        let record = Self.record(id: 13, desk: "nowhere", state: "lost", category: "retired_kind",
                                 description: String(repeating: "二", count: 40), promisedBy: "2026-11-20")
        let row = try ProblemLedgerQuery.row(record, deskNames: [:], today: Self.today, calendar: WorkCalendar(years: []),
                                             limits: DatedSchedule([.init(from: Self.today, value: 3)]))
        #expect(row.categoryLabel == "retired_kind" && row.stateLabel == "lost" && row.deskName == "nowhere")
        #expect(row.summary == String(repeating: "二", count: 40))
        #expect(row.limitText == "" && !row.isOverdue)
    }
}
