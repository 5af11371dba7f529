import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// How one service item plugs into the case engine: its form, its eligibility checks, and what the accepted form
/// records. The engine does the rest (numbering, deadline, review, timeline, receipts, audit).
protocol CaseItemPlugin: Sendable {
    var item: ServiceCatalogue.Item { get }
    /// The item's own form fields.
    var fields: [CaseFormField] { get }
    /// Checks the form and the citizen; returns the values to store or every problem, named by field.
    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors>
    /// The checks that need the person's stored records with the form (item 11 refuses someone recorded as employed), named by
    /// field like `validate`'s and shown with them; run at acceptance, before anything is written.
    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors
    /// What the case changes in the item's own records, inside the transaction that finishes it: at acceptance for an
    /// item finished at once (即时办结), at approval for a reviewed one. A thrown error undoes the whole step.
    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws
    /// The page an item starts from when its form needs more than fields (item 2 starts from the ranked postings).
    func startPage(citizen: UUID) -> SiteURL?
}

extension CaseItemPlugin {
    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors { FieldErrors() }
    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {}
    func startPage(citizen: UUID) -> SiteURL? { nil }
}

/// The case a plug-in's effect belongs to.
struct CaseEffect: Sendable {
    let caseID: UUID
    let caseNumber: String
    let citizenID: UUID
    let servicePointID: UUID
    let actorAccount: UUID
    let at: Date
    let today: CalendarDate
    /// For an effect that stores personal data of its own (a recruiter's phone).
    let cipher: PersonalDataCipher
}

/// One field of an item's form.
struct CaseFormField: Sendable {
    enum Kind: Sendable {
        case text(maxLength: Int)
        /// One of a list (`value`, `label`).
        case choice([FormFields.Option])
        case date
        /// Filled by the page the item starts from (`startPage`), not typed.
        case hidden
        /// Several of a list, ticked; the value is the ticked values joined by commas (each box is sent as
        /// `<name>_<value>=yes`).
        case checkboxes([FormFields.Option])
        /// A statement the operator confirms (材料已核验).
        case confirmation
    }

    let name: String
    let label: String
    let kind: Kind
    let required: Bool
}

/// The generic flow every item uses until its own issue gives it a specific form: the operator confirms the
/// documents the service guide asks for were checked, and may add a note. Eligibility: the citizen is alive in
/// the calendar's sense (born before today) and of working age for the employment and skills groups.
struct GenericItemPlugin: CaseItemPlugin {
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
            CaseFormField(name: "note", label: "备注", kind: .text(maxLength: Self.noteLength), required: false),
        ]
    }

    static let workingAgeGroups: Set<String> = ["job", "skill"]
    static let minimumWorkingAge = 16
    static let noteLength = 200

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        var errors = FieldErrors()
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        let note = TextField.optional(form["note"], field: "note", label: "备注", maxLength: Self.noteLength, into: &errors)
        if Self.workingAgeGroups.contains(item.category), let birth = CalendarDate(iso: citizen.birthDate),
           today.completedYears(since: birth) < Self.minimumWorkingAge {
            errors.add("citizen", "“\(item.name)”面向劳动年龄人员，该群众未满\(Self.minimumWorkingAge)周岁")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["documents_checked": "yes", "note": note ?? ""])
    }
}

enum CaseItemPlugins {
    typealias Factory = @Sendable (ServiceCatalogue.Item, _ county: DivisionCode, any Database) async throws -> any CaseItemPlugin

    /// The items with a plug-in of their own, each with how its plug-in is made for the operator's county: the forms
    /// below, and the searches (items 3, 6, 9, 12, 14, 15) started from their search pages.
    static let factories: [Int: Factory] = ownForms.merging(CounterSearch.pages.keys.map { ($0, searchPlugin) }) { own, _ in own }

    private static let searchPlugin: Factory = { item, _, _ in SearchItemPlugin(item: item) }

    private static let ownForms: [Int: Factory] = [
        JobSeekerPlugin.itemSeq: { item, county, db in
            JobSeekerPlugin(item: item, occupations: try await OccupationStore.all(on: db), places: try await JobSeekerPlugin.placeOptions(county, on: db))
        },
        JobRecommendationPlugin.itemSeq: { item, _, _ in JobRecommendationPlugin(item: item) },
        GigSeekerPlugin.itemSeq: { item, county, db in
            let skills = try await GigSkills.all(county: county.countyCode, on: db)
            return GigSeekerPlugin(item: item, skills: skills.choices, retired: skills.retiredNames, county: county.countyCode)
        },
        GigRecommendationPlugin.itemSeq: { item, _, _ in GigRecommendationPlugin(item: item) },
        GigPostingPlugin.itemSeq: { item, county, db in
            let skills = try await GigSkills.all(county: county.countyCode, on: db)
            return GigPostingPlugin(item: item, county: county, skills: skills.choices, retired: skills.retiredNames,
                                    places: try await EmployersController.divisionOptions(county, on: db))
        },
        GigWorkerRecommendationPlugin.itemSeq: { item, _, _ in GigWorkerRecommendationPlugin(item: item) },
        FlexibleEmploymentPlugin.itemSeq: { item, _, _ in FlexibleEmploymentPlugin(item: item) },
        UnemploymentRegistrationPlugin.itemSeq: { item, _, _ in UnemploymentRegistrationPlugin(item: item) },
        EmploymentCardQueryPlugin.itemSeq: { item, _, _ in EmploymentCardQueryPlugin(item: item) },
    ]

    /// The items with a form of their own.
    static var specific: Set<Int> { Set(factories.keys) }

    /// What an item's own plug-in checks at acceptance, in the words of its service guide (服务指南), beside the
    /// checks every item shares. Kept next to `factories` so a new plug-in states its conditions where it registers.
    static func conditions(of item: ServiceCatalogue.Item) -> [String] {
        let workingAge = "须年满16周岁且未达到法定退休年龄（按身份证号码中的出生日期和性别计算）"
        let phone = "群众须已登记手机号码（推荐结果以短信推送）"
        switch item.seq {
        case JobSeekerPlugin.itemSeq:
            return [workingAge, "求职工种须从职业分类（2022年版）中选择，最多3个；可接受的工作地点从本市、各县及本县乡镇中选择，最多3个；期望月薪、通勤距离、可到岗日期（一年以内）逐项校验"]
        case JobRecommendationPlugin.itemSeq, GigRecommendationPlugin.itemSeq, GigWorkerRecommendationPlugin.itemSeq:
            return [phone, "只推荐有效期内、未招满的岗位，按职业、距离、薪资、年龄学历等条件排序并列明理由"]
        case GigSeekerPlugin.itemSeq:
            return [workingAge, "零工技能须从本县维护的零工技能清单中选择"]
        case GigPostingPlugin.itemSeq:
            return ["用工地点须在本辖区内；开始日期不早于受理当日，结束日期不早于开始日期；招用人数至少1人", "零工技能须从本县维护的零工技能清单中选择"]
        case FlexibleEmploymentPlugin.itemSeq:
            return ["已有有效灵活就业登记的，须先终止原登记", "就业开始日期不晚于受理当日、不早于年满16周岁之日；审核通过时再次核对就业登记状态"]
        case UnemploymentRegistrationPlugin.itemSeq:
            return [workingAge, "有劳动能力和就业意愿", "未处于就业状态（无有效的灵活就业登记），且没有有效的失业登记",
                    "系统登记为已就业（登记就业、失业登记因就业终止）的，须填写不早于就业日期的失业日期", "审核通过时再次核对上述条件"]
        case EmploymentCardQueryPlugin.itemSeq:
            return ["群众须已领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）"]
        default:
            return GenericItemPlugin.workingAgeGroups.contains(item.category)
                ? ["面向劳动年龄人员：未满\(GenericItemPlugin.minimumWorkingAge)周岁的群众不予受理"] : []
        }
    }

    /// The plug-in of an item: items with their own issue register here; all others use the generic flow.
    /// - Parameter staff: whose county's lists (gig skills, places) the form offers.
    static func plugin(for item: ServiceCatalogue.Item, staff: SignedInStaff, on db: any Database) async throws -> any CaseItemPlugin {
        guard let factory = factories[item.seq] else { return GenericItemPlugin(item: item) }
        return try await factory(item, EmployersController.county(of: staff), db)
    }
}
