import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 固定工岗位信息推荐 (item 2): it starts from the ranked postings; accepting it sends the chosen
/// postings to the person by text message (written to the outbox in the case's transaction).
struct JobRecommendationItem: ServiceItem {
    static let seq = 2
    static let module = ItemModule(seq: seq, conditions: [ItemConditions.phone, ItemConditions.ranked],
                                   links: [ItemLink(label: "本辖区求职登记人员", url: .jobSeekers(), primary: false)],
                                   kioskSteps: KioskStep.recommendation) { item, _, _ in JobRecommendationItem(item: item) }

    /// The postings chosen on the ranked page, in its order.
    struct Form: Codable, Sendable, Equatable {
        var postings: [UUID]
    }

    /// Postings one message carries in full; the rest are counted.
    static let postingsInMessage = 3
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "postings", label: "推荐岗位", kind: .hidden, required: true),
            .documentsChecked(item),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .jobRecommendations(citizen: citizen) }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let ids = PushList.ids(form["postings"], field: "postings", naming: "岗位", into: &errors)
        if citizen.phoneSealed == nil { errors.add("citizen", "该群众未登记手机号码，无法推送岗位信息，请先在群众信息中补充") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(postings: ids))
    }

    /// Pushes go to a registered job seeker only: the page may have been opened before the registration ended.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await JobSeekerRecord.find(citizen: try citizen.requireID(), on: db)?.isActive != true {
            errors.add("citizen", "该群众没有有效的固定工求职登记，不能推送岗位")
        }
        return errors
    }

    /// Sends the chosen postings still open today, in the page's order: one closed or expired since the page was
    /// drawn is left out, and if none is left nothing is sent.
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
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
