import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 固定工岗位信息推荐 (item 2) on the case engine: it starts from the ranked postings; accepting it sends the chosen
/// postings to the person by text message (written to the outbox in the case's transaction).
struct JobRecommendationPlugin: CaseItemPlugin {
    static let itemSeq = 2
    /// Postings one message carries in full; the rest are counted.
    static let postingsInMessage = 3
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "postings", label: "推荐岗位", kind: .hidden, required: true),
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .jobRecommendations(citizen: citizen) }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        var errors = FieldErrors()
        let ids = PushList.ids(form["postings"], field: "postings", naming: "岗位", into: &errors)
        if citizen.phoneSealed == nil { errors.add("citizen", "该群众未登记手机号码，无法推送岗位信息，请先在群众信息中补充") }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["postings": ids.joined(separator: ","), "documents_checked": "yes"])
    }

    /// Pushes go to a registered job seeker only: the page may have been opened before the registration ended.
    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await JobSeekerRecord.find(citizen: try citizen.requireID(), on: db)?.isActive != true {
            errors.add("citizen", "该群众没有有效的固定工求职登记，不能推送岗位")
        }
        return errors
    }

    /// Sends the chosen postings still open today, in the page's order: one closed or expired since the page was
    /// drawn is left out, and if none is left nothing is sent.
    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        let ids = (values["postings"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
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

/// The list a push carries from its ranked page: comma-separated ids, at most one page of them.
enum PushList {
    static let maximum = 20

    static func ids(_ raw: String?, field: String, naming what: String, into errors: inout FieldErrors) -> [String] {
        let ids = (raw ?? "").split(separator: ",").map { String($0).lowercased() }
        if ids.isEmpty { errors.add(field, "没有可推荐的\(what)") }
        else if ids.count > maximum || ids.contains(where: { UUID(uuidString: $0) == nil }) { errors.add(field, "推荐\(what)有误，请重新打开推荐页面") }
        return ids
    }
}
