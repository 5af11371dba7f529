import Fluent
import Foundation
import JiujinbanRules

/// 培训机构推荐 (item 17): it starts from the page of the person's open training intentions, each with the county's
/// institutions ranked nearest first, those with a class and free places ahead (`InstitutionRanking`). Choosing an
/// intention finishes the case at once; its effect keeps the ranked list it gave (`training_recommendations`), which
/// the case page links as the person's printed list.
struct InstitutionRecommendationItem: ServiceItem {
    static let seq = 17
    static let module = ItemModule(
        seq: seq,
        conditions: ["须已办理培训意向登记（事项16）且意向在办",
                     "按群众居住地（所在村或社区服务点，没有的按乡镇服务点）到培训机构的距离推荐本县获准培训该职业等级的机构，有空余名额的开班计划优先，并列明理由"]
    ) { item, county, _ in InstitutionRecommendationItem(item: item, county: county) }

    /// The intention chosen on the start page, and where the result is (the list the effect keeps).
    struct Form: Codable, Sendable, Equatable {
        var intention: UUID
        var result: String
    }

    let item: ServiceCatalogue.Item
    let county: DivisionCode

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "intention", label: "培训意向", kind: .hidden, required: true),
            CaseFormField(name: "result", label: "推荐结果", kind: .derived, required: false),
            .documentsChecked(item),
        ]
    }

    func startPage(citizen: UUID) -> SiteURL? { .trainingRecommendations(citizen: citizen) }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let intention = UUID(uuidString: TextField.clean(form["intention"]))
        if intention == nil { errors.add("intention", "培训意向：请在培训机构推荐页面选择要推荐的培训意向") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let intention else { return .failure(errors) }
        // What was recommended is the list the effect keeps (the case page shows its count), not what the page sent.
        return .success(Form(intention: intention, result: "按本办件的培训机构推荐清单"))
    }

    /// The intention must be the person's, of this county, and still open (the page may be older than its closing).
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        let intention = try await TrainingIntentionRecord.find(form.intention, on: db)
        if intention?.citizenID != (try citizen.requireID()) || intention?.countyCode != county.value {
            errors.add("intention", "培训意向：没有找到该群众在本县登记的这条培训意向，请重新打开培训机构推荐页面")
        } else if intention?.closedOn != nil {
            errors.add("intention", "培训意向：该培训意向已结束（\(intention?.closeReason ?? "")），不能再推荐培训机构")
        }
        return errors
    }

    /// Keeps the ranked list as the case gives it today.
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let intention = try await TrainingIntentionRecord.find(form.intention, on: db), let level = intention.skillLevel,
              let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法推荐培训机构")
        }
        let ranking = try await InstitutionRanking.load(county: county, wanted: [.init(occupationCode: intention.occupationCode, level: level)],
                                                        today: effect.today, on: db)
        let rows = ranking.rows(occupation: intention.occupationCode, level: level,
                                from: try await InstitutionRanking.home(of: citizen, on: db), today: effect.today)
        let record = TrainingRecommendationRecord()
        record.id = UUID()
        record.intentionID = try intention.requireID()
        record.caseID = effect.caseID
        record.recommendedOn = effect.today.iso
        record.institutionCount = rows.count
        record.rows = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        try await record.create(on: db)
    }

    func caseRecord(caseID: UUID, on db: any Database) async throws -> CaseItemRecord? {
        guard let kept = try await TrainingRecommendationRecord.query(on: db).filter(\.$caseID == caseID).first(),
              let intention = try await TrainingIntentionRecord.find(kept.intentionID, on: db) else { return nil }
        let wanted = intention.wantedText(try await OccupationStore.names(of: [intention.occupationCode], on: db))
        let count = kept.institutionCount > 0 ? "\(kept.institutionCount)家" : "本县暂无获准培训该职业等级的机构"
        return CaseItemRecord(lines: [CaseFormContent.Line(label: "培训意向", value: "\(wanted)（\(intention.registeredOn)登记）"),
                                      CaseFormContent.Line(label: "推荐机构", value: count)],
                              links: [ItemLink(label: "打印培训机构推荐清单", url: .trainingRecommendationPrint(case: caseID), primary: false)])
    }
}
