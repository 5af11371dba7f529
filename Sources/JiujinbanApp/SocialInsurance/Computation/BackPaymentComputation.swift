import Foundation
import JiujinbanRules

/// 补缴 (item 32) computed on the ledger and the dated figures: the situations that apply with the years each allows,
/// the refusals of the years asked for, or the lines to charge, each at the grade in force on the day of payment
/// (the day the back payment is declared), with the subsidy the situation gives (none under ③ nor in the
/// supplementary scheme). While the scheme's start date is 待核实 without a value the years are accepted as asked
/// (`BackPayment.checkAwaitingStart`): the reading names the start figure, so approval waits for it, and approval,
/// computing again on the confirmed date, places the years in the windows or refuses those outside.
struct BackPaymentComputation: Sendable {
    /// Refusals by field (`years`, `grade`, `scheme`).
    let refusals: [(field: String, message: String)]
    let windows: [BackPayment.Window]
    let lines: [BackPayment.Line]
    let reading: FigureReading
    let gradeYuan: Int
    /// The start figure whose value is unknown: the years are not placed yet.
    var awaitingStart: PolicyFigureKey? = nil

    var notes: [String] {
        if let awaitingStart {
            return ["\(awaitingStart.definition.name)尚无数值（待核实）：补缴情形、可补缴年度及政府补贴待县社保经办机构业务管理员核实后，于审核时按可补缴年度核对"]
        }
        return windows.isEmpty ? ["不符合任何补缴情形"] : windows.map { window in
            window.situation.chinese + "：" + (window.years.isEmpty ? "无可补缴年度" : window.years.map(String.init).joined(separator: "、"))
                + (window.subsidised ? "" : "（不享受缴费补贴）")
        }
    }

    var computation: CaseComputation? {
        guard refusals.isEmpty, !lines.isEmpty else { return nil }
        let rows = lines.map { line in
            CaseComputation.Line(depth: 0, name: "\(line.year)年度（\(line.situation?.mark ?? "补缴情形待定")）", amountFen: line.amountFen,
                                 basis: "缴费档次\(Fen.yuan(line.amountFen))，" + (line.situation == nil ? "政府补贴待核定补缴情形后确定"
                                     : line.subsidyFen > 0 ? "政府补贴\(Fen.yuan(line.subsidyFen))记入个人账户" : "补缴不享受缴费补贴"))
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
        let start = reading.day(startKey)
        let gradesKey: PolicyFigureKey = scheme == .residentSupplementary ? .supplementaryGrades : .residentGrades
        var grades: [ContributionGrade] = []
        if case .grades(let values)? = reading.read(gradesKey) {
            grades = values.map { ContributionGrade(amountFen: $0.contributionFen, subsidyFen: $0.subsidyFen, validFrom: paymentDate, validThrough: paymentDate) }
        }
        let paidYears = Set(ledger.view.contributions.filter { $0.scheme == scheme }.map(\.year))
        // Without the start date no year can be placed: accepted as asked, never guessed; the reading names the
        // figure, so approval waits for it and then checks the years against the windows.
        guard let start else {
            let requested = years.map { BackPayment.RequestedYear(year: $0, gradeFen: gradeFen) }
            switch BackPayment.checkAwaitingStart(paidYears: paidYears, requested: requested, grades: grades, paymentDate: paymentDate) {
            case .success(let lines):
                return BackPaymentComputation(refusals: [], windows: [], lines: lines, reading: reading, gradeYuan: gradeFen / 100, awaitingStart: startKey)
            case .failure(let problems):
                return BackPaymentComputation(refusals: named(problems), windows: [], lines: [], reading: reading, gradeYuan: gradeFen / 100,
                                              awaitingStart: startKey)
            }
        }
        let person = BackPayment.Person(scheme: pensionScheme, born: born, schemeStart: start, enrolledOn: enrolledOn, paidYears: paidYears)
        let windows = BackPayment.windows(person, today: paymentDate)
        switch BackPayment.check(person, requested: years.map { .init(year: $0, gradeFen: gradeFen) }, grades: grades, paymentDate: paymentDate) {
        case .success(let lines):
            return BackPaymentComputation(refusals: [], windows: windows, lines: lines, reading: reading, gradeYuan: gradeFen / 100)
        case .failure(let problems):
            return BackPaymentComputation(refusals: named(problems), windows: windows, lines: [], reading: reading, gradeYuan: gradeFen / 100)
        }
    }

    /// Each refusal under its field: the grade's own, every other under the years.
    private static func named(_ problems: PensionRefusals) -> [(field: String, message: String)] {
        problems.all.map { refusal in
            if case .gradeNotInForce = refusal { return ("grade", refusal.message) }
            return ("years", refusal.message)
        }
    }
}
