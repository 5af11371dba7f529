import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工岗位信息推荐 (item 5): from the ranked gigs of a registered worker, accepting sends them to the worker by
/// text message with each recruiter's phone.
struct GigRecommendationItem: ServiceItem {
    static let seq = 5
    static let module = ItemModule(seq: seq, conditions: [ItemConditions.phone, ItemConditions.ranked],
                                   kioskSteps: KioskStep.recommendation) { item, _, _ in GigRecommendationItem(item: item) }

    /// The gigs chosen on the ranked page, in its order.
    struct Form: Codable, Sendable, Equatable {
        var gigs: [UUID]
    }

    static let gigsInMessage = 3
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "gigs", label: "推荐零工岗位", kind: .hidden, required: true),
            .documentsChecked(item),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .gigRecommendations(citizen: citizen) }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let ids = PushList.ids(form["gigs"], field: "gigs", naming: "零工岗位", into: &errors)
        if citizen.phoneSealed == nil { errors.add("citizen", "该群众未登记手机号码，无法推送，请先在群众信息中补充") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(gigs: ids))
    }

    /// Pushes go to a registered gig worker only: the page may have been opened before the registration ended.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await GigSeekerRecord.find(citizen: try citizen.requireID(), on: db)?.isActive != true {
            errors.add("citizen", "该群众没有有效的零工求职登记，不能推送零工岗位")
        }
        return errors
    }

    /// Sends the chosen gigs still taking people today: one filled or ended since the page was drawn is left out,
    /// and if none is left nothing is sent.
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let phone = citizen.phoneSealed else {
            throw PublicError(.unprocessableEntity, "该群众未登记手机号码，无法推送")
        }
        let ids = form.gigs
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
