import Foundation
import JiujinbanRules

/// 补缴 (item 32) computed on the ledger and the dated figures: the situations that apply with the years each allows,
/// the refusals of the years asked for, or the lines to charge, each at the grade in force on the day of payment
/// (the day the back payment is declared), with the subsidy the situation gives (none under ③ nor in the
/// supplementary scheme).
struct BackPaymentComputation: Sendable {
    /// Refusals by field (`years`, `grade`, `scheme`).
    let refusals: [(field: String, message: String)]
    let windows: [BackPayment.Window]
    let lines: [BackPayment.Line]
    let reading: FigureReading
    let gradeYuan: Int

    var notes: [String] {
        windows.isEmpty ? ["不符合任何补缴情形"] : windows.map { window in
            window.situation.chinese + "：" + (window.years.isEmpty ? "无可补缴年度" : window.years.map(String.init).joined(separator: "、"))
                + (window.subsidised ? "" : "（不享受缴费补贴）")
        }
    }

    var computation: CaseComputation? {
        guard refusals.isEmpty, !lines.isEmpty else { return nil }
        let rows = lines.map { line in
            CaseComputation.Line(depth: 0, name: "\(line.year)年度（\(line.situation.mark)）", amountFen: line.amountFen,
                                 basis: "缴费档次\(Fen.yuan(line.amountFen))，" + (line.subsidyFen > 0 ? "政府补贴\(Fen.yuan(line.subsidyFen))记入个人账户" : "补缴不享受缴费补贴"))
        }
        return CaseComputation(title: "补缴核定（个人应缴）", computedOn: reading.date, totalFen: lines.reduce(0) { $0 + $1.amountFen },
                               lines: rows, figures: reading.entries, notes: notes)
    }

    static func compute(_ ledger: PensionClaimLedger, scheme: InsuranceScheme, born: CalendarDate, years: [Int], gradeFen: Int,
                        paymentDate: CalendarDate, book: PolicyFigureBook) -> BackPaymentComputation {
        let enrolment = ledger.enrolment(scheme)
        let county = enrolment?.county
        var reading = FigureReading(book: book, on: paymentDate, county: county)
        func refused(_ field: String, _ message: String) -> BackPaymentComputation {
            BackPaymentComputation(refusals: [(field, message)], windows: [], lines: [], reading: reading, gradeYuan: gradeFen / 100)
        }
        guard let enrolment else {
            return refused("scheme", "未参加\(scheme.chinese)，不能补缴")
        }
        let pensionScheme: PensionScheme = scheme == .residentSupplementary ? .residentSupplementary : .residentBasic
        let startKey: PolicyFigureKey
        let enrolledOn = enrolment.enrolledOn
        switch (scheme, enrolment.startKind) {
        case (.residentSupplementary, _): startKey = .supplementaryStart
        case (_, .urbanResident?): startKey = .urbanResidentPensionStart
        case (_, .newRural?): startKey = .ruralPensionStart
        case (_, nil): return refused("scheme", PensionClaimComputation.unnamedScheme.replacingOccurrences(of: "应缴年限", with: "可补缴年度"))
        }
        // Without the start date no year can be placed: refused, naming the figure, rather than guessed.
        guard case .date(let start)? = reading.read(startKey) else {
            return refused("scheme", "\(startKey.definition.name)尚无数值（待核实），暂不能确定可补缴年度，请县社保经办机构业务管理员先核实")
        }
        let gradesKey: PolicyFigureKey = scheme == .residentSupplementary ? .supplementaryGrades : .residentGrades
        var grades: [ContributionGrade] = []
        if case .grades(let values)? = reading.read(gradesKey) {
            grades = values.map { ContributionGrade(amountFen: $0.contributionFen, subsidyFen: $0.subsidyFen, validFrom: paymentDate, validThrough: paymentDate) }
        }
        let person = BackPayment.Person(scheme: pensionScheme, born: born, schemeStart: start, enrolledOn: enrolledOn,
                                        paidYears: Set(ledger.view.contributions.filter { $0.scheme == scheme }.map(\.year)))
        let windows = BackPayment.windows(person, today: paymentDate)
        switch BackPayment.check(person, requested: years.map { .init(year: $0, gradeFen: gradeFen) }, grades: grades, paymentDate: paymentDate) {
        case .success(let lines):
            return BackPaymentComputation(refusals: [], windows: windows, lines: lines, reading: reading, gradeYuan: gradeFen / 100)
        case .failure(let problems):
            let named = problems.all.map { refusal -> (String, String) in
                if case .gradeNotInForce = refusal { return ("grade", refusal.message) }
                return ("years", refusal.message)
            }
            return BackPaymentComputation(refusals: named, windows: windows, lines: [], reading: reading, gradeYuan: gradeFen / 100)
        }
    }
}
