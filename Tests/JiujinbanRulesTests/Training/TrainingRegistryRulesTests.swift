import Foundation
import JiujinbanRules
import Testing

/// The county's list of 防止返贫监测对象 as imported (`docs/training-monitoring-list.md`).
@Suite("防止返贫监测对象名单: every row checked, one bad row refuses the file")
struct PovertyMonitoringListTests {
    static let today = CalendarDate(iso: "2026-11-25")!
    // Checksum-valid numbers (GB 11643-1999) invented for the tests.
    static let first = "140830198001010016", second = "140830199002150023"

    @Test("a good file: masked names only, the date optional, a byte-order mark and CRLF accepted")
    func good() throws {
        let text = "\u{FEFF}身份证号码,姓名,纳入监测日期\r\n\(Self.first),张三丰,2026-03-05\r\n\(Self.second),李四,\r\n"
        let entries = try PovertyMonitoringList.parse(text, today: Self.today).get()
        #expect(entries.map(\.idNumber.value) == [Self.first, Self.second])
        #expect(entries.map(\.maskedName) == ["张**", "李*"])
        #expect(entries.map(\.includedOn) == [CalendarDate(iso: "2026-03-05"), nil])
        // Without the date column at all.
        #expect(try PovertyMonitoringList.parse("身份证号码,姓名\n\(Self.first),王五\n", today: Self.today).get().count == 1)
    }

    @Test("a bad check digit on line 3, a missing name, a future date, a repeated person: each named by its line")
    func badRows() {
        let wrongCheck = String(Self.second.dropLast()) + "1"
        let text = """
            身份证号码,姓名,纳入监测日期
            \(Self.first),张三,2026-03-05
            \(wrongCheck),李四,2026-03-05
            \(Self.first),张三,
            140830197505050017,,2026-03-05
            140830197505050025,赵六,2026-12-01
            140830197505050025,赵六,2026-02-30
            """
        let problems = PovertyMonitoringList.parse(text, today: Self.today).failure?.problems ?? []
        #expect(problems.count == 5)
        #expect(problems[0] == "第3行：身份证号码校验码错误：最后一位与前17位不符，请逐位核对")
        #expect(problems[1] == "第4行：身份证号码与第2行重复")
        #expect(problems[2].hasPrefix("第5行：请填写姓名"))
        #expect(problems[3] == "第6行：纳入监测日期2026-12-01晚于今天")
        #expect(problems[4] == "第7行：纳入监测日期应为YYYY-MM-DD格式的有效日期，收到“2026-02-30”")
    }

    @Test("the wrong header, an empty list, a short row: refused, saying what was expected")
    func shape() throws {
        #expect(PovertyMonitoringList.parse("姓名,身份证号码\n张三,\(Self.first)\n", today: Self.today).failure?.problems.first?
            .contains("表头应为“身份证号码,姓名,纳入监测日期”") == true)
        #expect(PovertyMonitoringList.parse("身份证号码,姓名,纳入监测日期\n", today: Self.today).failure?.problems
            == ["文件中没有监测对象：表头之后没有数据行"])
        #expect(PovertyMonitoringList.parse("身份证号码,姓名,纳入监测日期\n\(Self.first),张三\n", today: Self.today).failure?.problems
            == ["第2行：应有3列，收到2列"])
        #expect(PovertyMonitoringList.batch("  ").failure?.message(for: "batch") == "请填写批次名称")
        #expect(try PovertyMonitoringList.batch(" 2026年第3批 ").get() == "2026年第3批")
    }

    @Test("more problems than are listed are counted")
    func many() {
        let rows = (0..<30).map { _ in "123,张三" }.joined(separator: "\n")
        let problems = PovertyMonitoringList.parse("身份证号码,姓名\n" + rows, today: Self.today).failure?.problems ?? []
        #expect(problems.count == PovertyMonitoringList.listedProblems + 1)
        #expect(problems.last == "另有10处问题未列出")
    }
}

@Suite("就业困难人员认定: the county's category in its words, a date not in the future, a reason to end")
struct HardshipRecognitionDraftTests {
    static let today = CalendarDate(iso: "2026-11-25")!

    @Test("recorded as typed; refused by field")
    func parse() throws {
        let draft = try HardshipRecognitionDraft.parse(category: " 大龄失业人员 ", recognisedOn: "2026-11-25", today: Self.today).get()
        #expect(draft.category == "大龄失业人员" && draft.recognisedOn == Self.today)
        let errors = HardshipRecognitionDraft.parse(category: String(repeating: "类", count: 51), recognisedOn: "2026-11-26",
                                                    today: Self.today).failure
        #expect(errors?.message(for: "category") == "认定类别不能超过50个字（现为51个）")
        #expect(errors?.message(for: "recognised_on") == "认定日期2026-11-26晚于今天，不能预先登记")
        let empty = HardshipRecognitionDraft.parse(category: "", recognisedOn: "11/25", today: Self.today).failure
        #expect(empty?.fields == ["category", "recognised_on"])
        #expect(HardshipRecognitionDraft.endReason(" ").failure?.message(for: "end_reason") == "请填写终止原因")
        #expect(try HardshipRecognitionDraft.endReason("已实现稳定就业").get() == "已实现稳定就业")
    }
}

@Suite("开班计划's capacity against the people already enrolled")
struct ClassPlanCapacityTests {
    @Test("below the platform's enrolments: refused on the capacity; at or above: accepted")
    func capacity() {
        func draft(capacity: Int, enrolled: Int, level: SkillLevel = .five) -> ClassPlanDraft {
            try! ClassPlanDraft.parse(occupation: "4-10", level: String(level.rawValue), starts: "2027-01-04", ends: "2027-01-15", place: "教室",
                                      capacity: String(capacity), enrolled: String(enrolled), classification: ["4-10"],
                                      approvals: [.init(occupationCode: "4-10", level: level)]).get()
        }
        let kept = ClassPlanDraft.Approval(occupationCode: "4-10", level: .five)
        #expect(ClassPlanDraft.editProblems(draft(capacity: 2, enrolled: 2), enrolledThroughPlatform: 3, hasPlaces: true, stored: kept)
                    .message(for: "capacity")?.contains("3人") == true)
        #expect(ClassPlanDraft.editProblems(draft(capacity: 5, enrolled: 2), enrolledThroughPlatform: 3, hasPlaces: true, stored: kept)
                    .fields == ["enrolled"], "the enrolled count includes the platform's places")
        #expect(ClassPlanDraft.editProblems(draft(capacity: 5, enrolled: 4, level: .four), enrolledThroughPlatform: 3, hasPlaces: true, stored: kept)
                    .fields == ["occupation"], "another level once people were notified")
        #expect(ClassPlanDraft.editProblems(draft(capacity: 3, enrolled: 3, level: .four), enrolledThroughPlatform: 0, hasPlaces: false, stored: kept).isEmpty)
        #expect(ClassPlanDraft.editProblems(draft(capacity: 3, enrolled: 3), enrolledThroughPlatform: 3, hasPlaces: true, stored: kept).isEmpty)
    }
}
