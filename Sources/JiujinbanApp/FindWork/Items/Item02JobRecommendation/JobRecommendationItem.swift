import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 固定工岗位信息推荐 (item 2): it starts from the ranked postings. Serving the person is the case, whatever came
/// of it (like the search items 3, 6 and 9): the postings shown pushed by text message (written to the outbox in
/// the case's transaction), shown but not pushed, or none that fitted — its result says which.
struct JobRecommendationItem: ServiceItem {
    static let seq = 2
    static let module = ItemModule(seq: seq, conditions: [ItemConditions.phone, ItemConditions.ranked],
                                   links: [ItemLink(label: "本辖区求职登记人员", url: .jobSeekers(), primary: false)],
                                   kioskSteps: KioskStep.recommendation) { item, _, _ in JobRecommendationItem(item: item) }

    /// The postings shown on the ranked page, in its order (none when nothing fitted), whether they were pushed, how
    /// the search was widened, and the result in words, which the case page shows.
    struct Form: Codable, Sendable, Equatable {
        var postings: [UUID]
        var push: Bool
        var widening: String
        var result: String
        var note: String

        init(postings: [UUID], push: Bool, widening: String = "", result: String, note: String = "") {
            (self.postings, self.push, self.widening, self.result, self.note) = (postings, push, widening, result, note)
        }

        /// Cases kept before the result was recorded hold only `postings`, and every one of them was a push.
        init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            postings = try values.decode([UUID].self, forKey: .postings)
            push = try values.decodeIfPresent(Bool.self, forKey: .push) ?? true
            widening = try values.decodeIfPresent(String.self, forKey: .widening) ?? ""
            result = try values.decodeIfPresent(String.self, forKey: .result) ?? ""
            note = try values.decodeIfPresent(String.self, forKey: .note) ?? ""
        }
    }

    /// Postings one message carries in full; the rest are counted.
    static let postingsInMessage = 3
    static let noteLength = GenericItem.noteLength
    static let noneFitted = "无符合条件的岗位"
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "postings", label: "推荐岗位", kind: .hidden, required: false),
            CaseFormField(name: "push", label: "短信推送", kind: .hidden, required: false),
            CaseFormField(name: "widening", label: "放宽条件", kind: .hidden, required: false),
            CaseFormField(name: "result", label: "推荐结果", kind: .derived, required: false),
            CaseFormField(name: "note", label: "备注", kind: .text(maxLength: Self.noteLength), required: false),
            .documentsChecked(item),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .jobRecommendations(citizen: citizen) }

    /// No postings is the record that none fitted; `push` is `no` for postings shown but not sent (a form without
    /// it, from before the choice or another channel, pushes what it lists).
    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let raw = TextField.clean(form["postings"])
        let ids = raw.isEmpty ? [] : PushList.ids(raw, field: "postings", naming: "岗位", into: &errors)
        let push = !ids.isEmpty && form["push"] != "no"
        if push, citizen.phoneSealed == nil { errors.add("citizen", "该群众未登记手机号码，无法推送岗位信息，请先在群众信息中补充，或选择不发短信") }
        let widening = Self.widening(form["widening"], into: &errors)
        let note = TextField.optional(form["note"], field: "note", label: "备注", maxLength: Self.noteLength, into: &errors)
        errors.requireDocuments(form, item)
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(postings: ids, push: push, widening: widening.queryText, result: Self.result(ids.count, push: push, widening: widening),
                             note: note ?? ""))
    }

    /// The widening the page's search used (`distance_km=20&places=any`), as the page sent it.
    static func widening(_ raw: String?, into errors: inout FieldErrors) -> JobSearchWidening {
        let pairs = Dictionary((raw ?? "").split(separator: "&").map { part -> (String, String) in
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            return (pieces[0], pieces.count > 1 ? pieces[1] : "")
        }) { first, _ in first }
        switch JobSearchWidening.parse(distanceKm: pairs["distance_km"], places: pairs["places"]) {
        case .success(let widening): return widening
        case .failure(let found):
            for problem in found.problems { errors.add("widening", problem.message) }
            return JobSearchWidening()
        }
    }

    /// 推荐3个岗位（通勤距离放宽至20公里），短信推送给本人 / 无符合条件的岗位.
    static func result(_ count: Int, push: Bool, widening: JobSearchWidening) -> String {
        let searched = widening.isWidened ? "（\(widening.description)）" : ""
        guard count > 0 else { return noneFitted + searched }
        return "推荐\(count)个岗位\(searched)，" + (push ? "短信推送给本人" : "未发短信（当面告知）")
    }

    /// Recommendations are for a registered job seeker only: the page may have been opened before the registration ended.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await JobSeekerRecord.find(citizen: try citizen.requireID(), on: db)?.isActive != true {
            errors.add("citizen", "该群众没有有效的固定工求职登记，不能办理岗位推荐")
        }
        return errors
    }

    /// A push sends the chosen postings still open today, in the page's order: one closed or expired since the page
    /// was drawn is left out, and if none is left nothing is kept. Without a push the case is the record.
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard form.push, !form.postings.isEmpty else { return }
        let ids = form.postings
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let phone = citizen.phoneSealed else {
            throw PublicError(.unprocessableEntity, "该群众未登记手机号码，无法推送岗位信息")
        }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.title, p.wage_min_fen, p.wage_max_fen, e.name AS employer, e.contact_phone
            FROM job_postings p JOIN employers e ON e.id = p.employer_id
            WHERE p.id IN (\(binds: ids)) AND p.closed_at IS NULL AND p.valid_until >= \(bind: effect.today.iso)
            """).all()
        var lines: [UUID: String] = [:]
        for row in rows {
            lines[try row.decode(column: "id", as: UUID.self)] = "\(try row.decode(column: "employer", as: String.self))"
                + " \(try row.decode(column: "title", as: String.self))"
                + " 月薪\(JobPostingPages.wageText(try row.decode(column: "wage_min_fen", as: Int.self), try row.decode(column: "wage_max_fen", as: Int.self)))元"
                + " 电话\(try row.decode(column: "contact_phone", as: String.self))"
        }
        let ordered = ids.compactMap { lines[$0] }
        guard !ordered.isEmpty else { throw PublicError(.conflict, "推荐的岗位都已停止招聘或过期，请重新打开推荐页面") }
        try await SMSOutbox.enqueue(citizen: effect.citizenID, phoneSealed: phone,
                                    body: Self.message(ordered, caseNumber: effect.caseNumber),
                                    purpose: "job_recommendation", caseID: effect.caseID, servicePoint: effect.servicePointID,
                                    at: effect.at, on: db)
    }

    /// 【就近办】 and the first postings in full; the rest are counted and can be asked for at the point.
    static func message(_ lines: [String], caseNumber: String) -> String {
        let shown = lines.prefix(postingsInMessage).enumerated().map { "\($0.offset + 1).\($0.element)" }
        let rest = lines.count > postingsInMessage ? "另有\(lines.count - postingsInMessage)个岗位，" : ""
        return "【就近办】根据您的求职登记，为您推荐岗位：" + shown.joined(separator: "；") + "。\(rest)详情可到就近服务点咨询（办件号\(caseNumber)）。"
    }
}
