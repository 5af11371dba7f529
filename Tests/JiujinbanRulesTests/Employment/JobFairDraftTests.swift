import Foundation
import JiujinbanRules
import Testing

@Suite("招聘会信息: a fair's times in Shanghai, its employers, its phone; status by the clock or cancelled")
struct JobFairDraftTests {
    let today = CalendarDate(iso: "2026-11-25")!
    let county = try! DivisionCode("140830000000")
    var divisions: Set<DivisionCode> { [county] }

    var good: JobFairDraft {
        JobFairDraft(title: "2026年冬季农村劳动力专场招聘会", startDate: "2026-11-28", startTime: "09:00", endDate: "", endTime: "12:00",
                     venue: "芮城县人力资源市场", address: "芮城县古魏镇永乐南街", division: "140830000000", audience: "农村劳动力、高校毕业生",
                     employers: "山西某某食品有限公司 15\r\n\r\n芮城县某某纺织有限公司，8个岗位\n运城某某物流有限公司",
                     organiser: "芮城县人力资源和社会保障局", contactPhone: "0359－3021234")
    }

    @Test("a good fair: the end date defaults to the start, employers with and without posts, the landline normalised")
    func accepted() throws {
        let facts = try good.validate(today: today, divisions: divisions).get()
        #expect(facts.startsAt.stored == "2026-11-28 09:00" && facts.endsAt.stored == "2026-11-28 12:00")
        #expect(facts.employers == [.init(name: "山西某某食品有限公司", posts: 15), .init(name: "芮城县某某纺织有限公司", posts: 8),
                                    .init(name: "运城某某物流有限公司", posts: nil)])
        #expect(facts.employerLines == "山西某某食品有限公司 15\n芮城县某某纺织有限公司 8\n运城某某物流有限公司")
        #expect(facts.contactPhone.text == "0359-3021234")
        #expect(facts.searchText.contains("农村劳动力") && facts.searchText.contains("运城某某物流有限公司"))
    }

    @Test("an end before the start, more than 7 days, a past start, a bad time, a foreign division, a bad phone: each named")
    func refused() {
        var draft = good
        draft.endTime = "08:00"
        draft.division = "140800000000"
        draft.contactPhone = "3021234"
        draft.startTime = "9点"
        guard case .failure(let errors) = draft.validate(today: today, divisions: divisions) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.message(for: "start_time") == "开始时间应为24小时制时刻，如09:00")
        #expect(errors.message(for: "division") == "举办单位所在区划应从列出的本辖区区划中选择")
        #expect(errors.message(for: "contact_phone") == "联系电话：固定电话须带区号，如0359-6021234")

        draft = good
        draft.endTime = "08:00"
        #expect(failure(draft)?.message(for: "end_time") == "结束时间应晚于开始时间（2026年11月28日 09:00）")
        draft = good
        draft.endDate = "2026-12-05"
        #expect(failure(draft)?.message(for: "end_date") == "招聘会从开始日到结束日最长7天")
        draft.endDate = "2026-12-04"
        #expect(failure(draft) == nil)
        draft = good
        draft.startDate = "2026-11-24"; draft.endDate = "2026-11-24"
        #expect(failure(draft)?.message(for: "start_date") == "开始日期不能早于今天（2026-11-25）")
        draft.startTime = "9点" // a bad time does not hide the past date
        #expect(failure(draft)?.message(for: "start_date") == "开始日期不能早于今天（2026-11-25）")
        draft.startTime = "09:00"
        // Editing a fair already under way keeps its past start.
        let original = WallClockTime(stored: "2026-11-24 09:00")
        #expect((try? draft.validate(today: today, divisions: divisions, keeping: original).get()) != nil)
        draft.startDate = "2062-11-28"; draft.endDate = ""
        #expect(failure(draft)?.message(for: "start_date")?.hasPrefix("开始日期不能晚于2027-11-26") == true)
        let empty = failure(JobFairDraft())
        #expect(empty?.fields == ["title", "start_date", "start_time", "end_time", "venue", "address", "division", "audience",
                                  "organiser", "contact_phone"])
        #expect(empty?.message(for: "audience") == "请填写服务对象")
    }

    @Test("employers: long names, bad posts and repeats named by line; at most 200; five problems named, then a count")
    func employers() {
        var errors = FieldErrors()
        let list = JobFairDraft.employers("甲公司 0\n" + String(repeating: "长", count: 51) + "\n甲公司\n乙公司 12000\n<b>公司", into: &errors)
        #expect(list == [.init(name: "甲公司", posts: nil)])
        #expect(errors.problems.map(\.message) == ["参会单位第1行的岗位数应为1至9999", "参会单位第2行不能超过50个字（现为51个）",
                                                   "参会单位第4行的岗位数应为1至9999",
                                                   "参会单位第5行不能包含“<”“>”符号"])
        errors = FieldErrors()
        _ = JobFairDraft.employers("甲公司\n甲公司\n甲公司\n甲公司\n甲公司\n甲公司\n甲公司\n甲公司", into: &errors)
        #expect(errors.problems.count == 6 && errors.problems[0].message == "参会单位第2行“甲公司”与第1行重复"
                && errors.problems[5].message == "参会单位另有2行有问题，请逐行核对")
        errors = FieldErrors()
        let many = (1...201).map { "第\($0)号单位" }.joined(separator: "\n")
        #expect(JobFairDraft.employers(many, into: &errors).count == 201)
        #expect(errors.message(for: "employers") == "参会单位最多200家（现为201家），请分场发布")
        errors = FieldErrors()
        // A last word that is not a number stays in the name.
        #expect(JobFairDraft.employers("山西 某某有限公司\n某某公司 ３０人", into: &errors) == [.init(name: "山西 某某有限公司", posts: nil),
                                                                                       .init(name: "某某公司", posts: 30)])
        #expect(errors.isEmpty)
    }

    @Test("status: before the start, during, at and after the end, cancelled whatever the clock")
    func status() {
        let starts = WallClockTime(stored: "2026-11-28 09:00")!, ends = WallClockTime(stored: "2026-11-28 12:00")!
        func at(_ text: String, cancelled: Bool = false) -> JobFairStatus {
            .of(startsAt: starts, endsAt: ends, cancelled: cancelled, now: WallClockTime(stored: text)!)
        }
        #expect(at("2026-11-28 08:59") == .scheduled && at("2026-11-28 09:00") == .ongoing)
        #expect(at("2026-11-28 11:59") == .ongoing && at("2026-11-28 12:00") == .ended)
        #expect(at("2026-11-27 10:00", cancelled: true) == .cancelled && JobFairStatus.cancelled.label == "已取消")
        // 2026-11-25 10:00 in Shanghai is 02:00 UTC.
        #expect(WallClockTime(Date(timeIntervalSince1970: 1_795_572_000)).stored == "2026-11-25 10:00")
    }

    @Test("cancelling needs a reason and a fair that has not ended")
    func cancellation() {
        #expect((try? JobFairCancellation.validate(reason: " 场地维修 ", status: .scheduled).get()) == "场地维修")
        guard case .failure(let errors) = JobFairCancellation.validate(reason: "", status: .ended) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.problems.map(\.message) == ["该招聘会已结束，不能取消", "请填写取消原因"])
    }

    func failure(_ draft: JobFairDraft) -> FieldErrors? {
        if case .failure(let errors) = draft.validate(today: today, divisions: divisions) { return errors }
        return nil
    }
}

@Suite("档案存放机构 and contact numbers: every field named; mobiles and landlines with area codes")
struct ArchiveOfficeDraftTests {
    let divisions: Set<DivisionCode> = [try! DivisionCode("140830000000")]

    @Test("a good office; every missing field named at once")
    func office() throws {
        let draft = ArchiveOfficeDraft(name: "芮城县人力资源市场", address: "芮城县古魏镇永乐南街", division: "140830000000",
                                       scope: "户籍在本县的流动人员；\r\n在本县就业的高校毕业生", contactPhone: "(0359)3021234",
                                       hours: "周一至周五 8:00-12:00，14:30-17:30")
        let facts = try draft.validate(divisions: divisions).get()
        #expect(facts.scope == "户籍在本县的流动人员；\n在本县就业的高校毕业生" && facts.contactPhone.text == "0359-3021234")
        guard case .failure(let errors) = ArchiveOfficeDraft().validate(divisions: divisions) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.problems.map(\.message) == ["请填写机构名称", "请填写地址", "请选择所在区划", "请填写存档范围", "请填写联系电话",
                                                   "请填写办公时间"])
    }

    @Test("contact numbers: mobile, landlines with 3- and 4-digit area codes, extensions; refusals say why",
          arguments: [("139 0359 0011", "13903590011"), ("+86 139-0359-0011", "13903590011"), ("03593021234", "0359-3021234"),
                      ("010 62345678", "010-62345678"), ("02162345678", "021-62345678"), ("0359-3021234-801", "0359-3021234转801"),
                      ("０３５９－３０２１２３４转８０１", "0359-3021234转801")])
    func accepted(raw: String, text: String) {
        #expect((try? ContactPhoneNumber.parse(raw).get().text) == text)
    }

    @Test("refused numbers", arguments: [("", ContactPhoneNumberError.empty), ("1390359001", .mobileLength(10)),
                                         ("3021234", .missingAreaCode), ("0359-0021234", .badLocalNumber),
                                         ("35-3021234", .badAreaCode), ("0359-302123", .badLocalNumber),
                                         ("0359-3021234转1234567", .badExtension), ("0359-302abcd", .invalidCharacters),
                                         ("+44 20 7946 0000", .notMobile)])
    func refused(raw: String, error: ContactPhoneNumberError) {
        guard case .failure(let problem) = ContactPhoneNumber.parse(raw) else {
            Issue.record("accepted \(raw)")
            return
        }
        #expect(problem == error, "\(raw)")
        #expect(problem.message.contains("联系电话"))
    }
}
