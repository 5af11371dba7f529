import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工求职信息推荐 (item 8): for a recruiter's gig, the ranked workers; accepting tells each chosen worker about the
/// gig (with the recruiter's phone, which the recruiter gave for this) and the recruiter how many were told. Workers'
/// phones are never shown to the recruiter.
struct GigWorkerRecommendationItem: ServiceItem {
    static let seq = 8
    static let module = ItemModule(seq: seq, conditions: [ItemConditions.phone, ItemConditions.ranked],
                                   kioskSteps: KioskStep.recommendation) { item, _, _ in GigWorkerRecommendationItem(item: item) }

    /// The recruiter's gig, and the workers chosen on its ranked page, in its order.
    struct Form: Codable, Sendable, Equatable {
        var gig: UUID
        var workers: [UUID]
    }

    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "gig", label: "零工岗位", kind: .hidden, required: true),
            CaseFormField(name: "workers", label: "推荐的零工", kind: .hidden, required: true),
            .documentsChecked(item),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .gigRecruiter(citizen: citizen) }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let gig = UUID(uuidString: TextField.clean(form["gig"]))
        if gig == nil { errors.add("gig", "零工岗位有误，请重新打开推荐页面") }
        let workers = PushList.ids(form["workers"], field: "workers", naming: "零工", into: &errors)
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let gig else { return .failure(errors) }
        return .success(Form(gig: gig, workers: workers))
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let gig = try await GigPostingRecord.find(form.gig, on: db),
              gig.citizenID == effect.citizenID else {
            throw PublicError(.conflict, "该零工岗位不属于此招用人，请重新打开推荐页面")
        }
        guard gig.state(today: effect.today) == .open else { throw PublicError(.conflict, "该零工岗位已招满或已结束") }
        let names = try await GigSkills.names(county: gig.countyCode, on: db)
        let phone = try effect.cipher.open(gig.contactPhoneSealed, context: GigPostingRecord.phoneContext)
        let body = "【就近办】有零工招用：\(names[gig.skill] ?? gig.skill)，\(gig.content.prefix(30))，\(gig.startOn.suffix(5))至\(gig.endOn.suffix(5))，"
            + "日工资\(JobPostingPages.yuan(gig.dayWageFen))元，地址\(gig.address.prefix(30))，联系电话\(phone)（办件号\(effect.caseNumber)）。"
        let workers = form.workers
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
