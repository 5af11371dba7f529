import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工岗位信息推荐 (item 5): from the ranked gigs of a registered worker, accepting sends them to the worker by
/// text message with each recruiter's phone.
struct GigRecommendationPlugin: CaseItemPlugin {
    static let itemSeq = 5
    static let gigsInMessage = 3
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "gigs", label: "推荐零工岗位", kind: .hidden, required: true),
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .gigRecommendations(citizen: citizen) }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        var errors = FieldErrors()
        let ids = PushList.ids(form["gigs"], field: "gigs", naming: "零工岗位", into: &errors)
        if citizen.phoneSealed == nil { errors.add("citizen", "该群众未登记手机号码，无法推送，请先在群众信息中补充") }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["gigs": ids.joined(separator: ","), "documents_checked": "yes"])
    }

    /// Pushes go to a registered gig worker only: the page may have been opened before the registration ended.
    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await GigSeekerRecord.find(citizen: try citizen.requireID(), on: db)?.isActive != true {
            errors.add("citizen", "该群众没有有效的零工求职登记，不能推送零工岗位")
        }
        return errors
    }

    /// Sends the chosen gigs still taking people today: one filled or ended since the page was drawn is left out,
    /// and if none is left nothing is sent.
    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let phone = citizen.phoneSealed else {
            throw PublicError(.unprocessableEntity, "该群众未登记手机号码，无法推送")
        }
        let ids = (values["gigs"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        let gigs = try await GigPostingRecord.query(on: db).filter(\.$id ~~ ids).all()
        var lines: [UUID: String] = [:]
        var namesOf: [String: [String: String]] = [:]  // each county's skill names, read once
        for gig in gigs where gig.state(today: effect.today) == .open {
            guard let id = gig.id else { continue }
            if namesOf[gig.countyCode] == nil { namesOf[gig.countyCode] = try await GigSkills.names(county: gig.countyCode, on: db) }
            let names = namesOf[gig.countyCode] ?? [:]
            lines[id] = "\(names[gig.skill] ?? gig.skill) \(gig.startOn.suffix(5))至\(gig.endOn.suffix(5)) 日工资\(JobPostingPages.yuan(gig.dayWageFen))元 电话"
                + (try effect.cipher.open(gig.contactPhoneSealed, context: GigPostingRecord.phoneContext))
        }
        let ordered = ids.compactMap { lines[$0] }
        guard !ordered.isEmpty else { throw PublicError(.conflict, "推荐的零工岗位都已招满或结束，请重新打开推荐页面") }
        let shown = ordered.prefix(Self.gigsInMessage).enumerated().map { "\($0.offset + 1).\($0.element)" }
        let rest = ordered.count > Self.gigsInMessage ? "另有\(ordered.count - Self.gigsInMessage)个，" : ""
        try await SMSOutbox.enqueue(citizen: effect.citizenID, phoneSealed: phone,
                                    body: "【就近办】为您推荐零工：" + shown.joined(separator: "；") + "。\(rest)详情可到就近服务点咨询（办件号\(effect.caseNumber)）。",
                                    purpose: "gig_recommendation", caseID: effect.caseID, servicePoint: effect.servicePointID, at: effect.at, on: db)
    }
}

/// 零工求职信息推荐 (item 8): for a recruiter's gig, the ranked workers; accepting tells each chosen worker about the
/// gig (with the recruiter's phone, which the recruiter gave for this) and the recruiter how many were told. Workers'
/// phones are never shown to the recruiter.
struct GigWorkerRecommendationPlugin: CaseItemPlugin {
    static let itemSeq = 8
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "gig", label: "零工岗位", kind: .hidden, required: true),
            CaseFormField(name: "workers", label: "推荐的零工", kind: .hidden, required: true),
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .gigRecruiter(citizen: citizen) }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        var errors = FieldErrors()
        let gig = TextField.clean(form["gig"])
        if UUID(uuidString: gig) == nil { errors.add("gig", "零工岗位有误，请重新打开推荐页面") }
        let workers = PushList.ids(form["workers"], field: "workers", naming: "零工", into: &errors)
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["gig": gig.lowercased(), "workers": workers.joined(separator: ","), "documents_checked": "yes"])
    }

    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        guard let gigID = values["gig"].flatMap({ UUID(uuidString: $0) }), let gig = try await GigPostingRecord.find(gigID, on: db),
              gig.citizenID == effect.citizenID else {
            throw PublicError(.conflict, "该零工岗位不属于此招用人，请重新打开推荐页面")
        }
        guard gig.state(today: effect.today) == .open else { throw PublicError(.conflict, "该零工岗位已招满或已结束") }
        let names = try await GigSkills.names(county: gig.countyCode, on: db)
        let phone = try effect.cipher.open(gig.contactPhoneSealed, context: GigPostingRecord.phoneContext)
        let body = "【就近办】有零工招用：\(names[gig.skill] ?? gig.skill)，\(gig.content.prefix(30))，\(gig.startOn.suffix(5))至\(gig.endOn.suffix(5))，"
            + "日工资\(JobPostingPages.yuan(gig.dayWageFen))元，地址\(gig.address.prefix(30))，联系电话\(phone)（办件号\(effect.caseNumber)）。"
        let workers = (values["workers"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        var told = 0
        for worker in workers {
            guard let seeker = try await GigSeekerRecord.find(citizen: worker, on: db), seeker.isActive else { continue }
            // Only the workers the page offers for this gig: the gig's county, its skill, not the recruiter. Any other
            // id was not offered to this user (CitizenScope): the whole push is refused and audited as a denial.
            guard seeker.residenceDivision.hasPrefix(gig.countyCode), seeker.skillCodes.contains(gig.skill), worker != gig.citizenID else {
                throw OutOfScope("所选零工", objectType: "citizen", id: worker)
            }
            guard let citizen = try await CitizenRecord.find(id: worker, on: db), let sealed = citizen.phoneSealed else { continue }
            try await SMSOutbox.enqueue(citizen: worker, phoneSealed: sealed, body: body, purpose: "gig_worker_notice", caseID: effect.caseID,
                                        servicePoint: effect.servicePointID, at: effect.at, on: db)
            told += 1
        }
        guard told > 0 else { throw PublicError(.conflict, "所选零工都没有登记手机号码或已结束登记，未能推送") }
        if let recruiter = try await CitizenRecord.find(id: effect.citizenID, on: db), let sealed = recruiter.phoneSealed {
            try await SMSOutbox.enqueue(citizen: effect.citizenID, phoneSealed: sealed,
                                        body: "【就近办】已将您的零工招用信息推送给\(told)名符合条件的零工，他们会直接与您联系（办件号\(effect.caseNumber)）。",
                                        purpose: "gig_recruiter_notice", caseID: effect.caseID, servicePoint: effect.servicePointID,
                                        at: effect.at, on: db)
        }
    }
}
