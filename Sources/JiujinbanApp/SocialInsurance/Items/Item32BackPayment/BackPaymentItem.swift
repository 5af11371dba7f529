import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 城乡居民养老保险补缴申报 (item 32): the three situations of the catalogue text (`BackPayment`), the years allowed
/// listed on the case, each year charged at the grade in force on the day of the declaration (the dated grade
/// figures), with no subsidy under ③ nor in the supplementary scheme. Reviewed by the county: approval recomputes on
/// the figures as they stand, is refused while one is 待核实, and writes the years (补缴, not yet arrived) through
/// the ledger writer. A scheme start date still 待核实 does not refuse the declaration: the years are kept as asked
/// and placed in the windows at approval, once the start is confirmed (`BackPaymentComputation`).
struct BackPaymentItem: ServiceItem {
    static let seq = 32
    static let module = ItemModule(
        seq: seq,
        conditions: ["①制度实施时距规定领取年龄（基本险60周岁、补充险65周岁）不足15年的，可补缴制度实施以来未缴年度",
                     "②参保后缴费中断的，可补缴中断年度", "③制度实施时距领取年龄不足15年、已逐年缴费的，可补足15年（补缴部分不享受缴费补贴）",
                     "每个补缴年度按申报当日执行的缴费档次计算；补充养老保险补缴不享受缴费补贴；当年按正常缴费办理"]
    ) { item, _, _ in BackPaymentItem(item: item) }

    struct Form: Codable, Sendable, Equatable {
        var scheme: InsuranceScheme
        var years: [Int]
        var gradeFen: Int
        var declaredOn: String

        enum CodingKeys: String, CodingKey { case scheme, years, gradeFen = "grade_fen", declaredOn = "declared_on" }
    }

    let item: ServiceCatalogue.Item

    static let schemes: [FormFields.Option] = [
        FormFields.Option(value: InsuranceScheme.residentBasic.rawValue, label: "城乡居民基本养老保险（基本险）"),
        FormFields.Option(value: InsuranceScheme.residentSupplementary.rawValue, label: "城乡居民补充养老保险（补充险）"),
    ]

    var fields: [CaseFormField] {
        [CaseFormField(name: "scheme", label: "补缴险种", kind: .choice(Self.schemes), required: true),
         CaseFormField(name: "years", label: "补缴年度（多个年度用逗号分隔，如 2013,2014；可补缴年度不符时将列出）", kind: .text(maxLength: 100), required: true),
         CaseFormField(name: "grade", label: "缴费档次（元/年，须为申报当日执行的档次）", kind: .text(maxLength: 10), required: true),
         .documentsChecked(item)]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let scheme = InsuranceScheme(rawValue: TextField.clean(form["scheme"])).flatMap { $0.isResident ? $0 : nil }
        if scheme == nil { errors.add("scheme", "请选择补缴险种（基本险或补充险）") }
        var years: [Int] = []
        let yearsText = TextField.clean(form["years"])
        for token in yearsText.split(whereSeparator: { ",，、;； ".contains($0) }) {
            guard token.count == 4, let year = Int(token) else {
                errors.add("years", "补缴年度应为四位年份，用逗号分隔，“\(token)”不是年份")
                continue
            }
            years.append(year)
        }
        if yearsText.isEmpty { errors.add("years", "请填写补缴年度") }
        var gradeFen = 0
        switch PolicyFigureValue.parse(form["grade"] ?? "", kind: .amount) {
        case .success(.amount(let fen)) where fen > 0: gradeFen = fen
        case .success: errors.add("grade", "缴费档次应大于0")
        case .failure(let problem): errors.add("grade", "缴费档次：" + problem.message)
        }
        if CalendarDate(iso: citizen.birthDate) == nil { errors.add("citizen", "该群众的出生日期无法读取，请先核对身份证号码") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let scheme else { return .failure(errors) }
        return .success(Form(scheme: scheme, years: years, gradeFen: gradeFen, declaredOn: today.iso))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        for refusal in try await Self.compute(form, citizen: try citizen.requireID(), on: db).refusals { errors.add(refusal.field, refusal.message) }
        return errors
    }

    static func compute(_ form: Form, citizen: UUID, on db: any Database) async throws -> BackPaymentComputation {
        guard let day = CalendarDate(iso: form.declaredOn), let record = try await CitizenRecord.find(id: citizen, on: db),
              let born = CalendarDate(iso: record.birthDate) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法核定补缴")
        }
        return BackPaymentComputation.compute(try await PensionClaimLedger.load(citizen: citizen, on: db), scheme: form.scheme, born: born,
                                              years: form.years, gradeFen: form.gradeFen, paymentDate: day,
                                              book: try await PolicyFigureBook.load(on: db))
    }

    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let computation = try await Self.compute(form, citizen: effect.citizenID, on: db).computation else { return }
        try await CaseComputations.save(computation, caseID: effect.caseID, at: effect.at, on: db)
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let result = try await Self.compute(form, citizen: effect.citizenID, on: db)
        guard result.refusals.isEmpty, let computation = result.computation else {
            throw PublicError(.conflict, "不能审核通过：" + result.refusals.map(\.message).joined(separator: "；"))
        }
        if let waiting = result.reading.approvalRefusal { throw PublicError(.conflict, waiting) }
        try await CaseComputations.save(computation, caseID: effect.caseID, at: effect.at, on: db)
        try await LedgerChanges.apply(.contributions(scheme: form.scheme, result.lines.map { line in
            LedgerChange.Contribution(year: line.year, kind: .backPayment, grade: line.amountFen / 100, personalFen: Int64(line.amountFen),
                                      subsidyFen: Int64(line.subsidyFen), collectiveFen: 0, arrived: false, arrivedOn: nil)
        }), for: effect, on: db)
    }
}
