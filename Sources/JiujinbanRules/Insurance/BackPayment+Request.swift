/// Checking a back-payment request (item 32) against `BackPayment.windows`, and charging each year at a grade in
/// force on the day of payment (domain-rules §4; the grades are dated figures passed in).
extension BackPayment {
    /// One year asked for, at a grade (yuan amount in fen).
    public struct RequestedYear: Sendable, Equatable {
        public var year: Int
        public var gradeFen: Int

        public init(year: Int, gradeFen: Int) {
            self.year = year
            self.gradeFen = gradeFen
        }
    }

    /// One accepted year: the situation it is paid under (nil while the scheme's start is unknown, see
    /// `checkAwaitingStart`), the person's amount and the subsidy it earns.
    public struct Line: Sendable, Equatable {
        public let year: Int
        public let situation: Situation?
        public let amountFen: Int
        public let subsidyFen: Int
    }

    /// The lines to charge on `paymentDate`, or every refusal, each naming its year and why: a year before 1900 or
    /// after today, the current year, a year paid already, a year no situation allows, a repeated year, ③ before
    /// the owed years are paid, more than 15 years in all for a near-age person, a grade not in force.
    public static func check(_ person: Person, requested: [RequestedYear], grades: [ContributionGrade],
                             paymentDate: CalendarDate) -> Result<[Line], PensionRefusals> {
        guard person.enrolledOn != nil else {
            return .failure([person.scheme == .residentBasic ? .notEnrolledInBasic : .notEnrolledInSupplementary])
        }
        guard !requested.isEmpty else { return .failure([.noBackPaymentYearsRequested]) }
        let windows = windows(person, today: paymentDate)
        let allowed = Set(windows.flatMap(\.years)).sorted()
        var refusals: [PensionRefusal] = []
        var lines: [Line] = []
        var seen: Set<Int> = []
        for request in requested {
            guard seen.insert(request.year).inserted else {
                refusals.append(.duplicateYear(field: "补缴年度", year: request.year))
                continue
            }
            switch placement(of: request.year, person: person, windows: windows, allowed: allowed, today: paymentDate) {
            case .failure(let refusal): refusals.append(refusal)
            case .success(let window):
                switch ContributionGrade.chosen(request.gradeFen, among: grades, on: paymentDate) {
                case .failure(let refusal): refusals.append(refusal)
                case .success(let grade):
                    lines.append(Line(year: request.year, situation: window.situation, amountFen: grade.amountFen,
                                      subsidyFen: window.subsidised ? grade.subsidyFen : 0))
                }
            }
        }
        if person.period.isNearDrawingAgeAtStart, person.paidYears.count + seen.count > PensionScheme.fullContributionYears {
            refusals.append(.backPaymentBeyondFifteen(paid: person.paidYears.count, requested: seen.count))
        }
        return refusals.isEmpty ? .success(lines.sorted { $0.year < $1.year }) : .failure(PensionRefusals(refusals))
    }

    /// The window a year falls in (the first that lists it), or why none does.
    private static func placement(of year: Int, person: Person, windows: [Window], allowed: [Int], today: CalendarDate)
        -> Result<Window, PensionRefusal> {
        if let problem = YearInput.check(year, field: "补缴年度", today: today).first { return .failure(problem) }
        if year == today.year { return .failure(.backPaymentCurrentYear(year)) }
        if person.paidYears.contains(year) { return .failure(.backPaymentAlreadyPaid(year)) }
        if let window = windows.first(where: { $0.years.contains(year) }) { return .success(window) }
        let period = person.period
        if period.isNearDrawingAgeAtStart, let topUp = topUpYears(period), topUp.contains(year),
           let unpaid = firstUnpaidOwedYear(person, today: today) {
            return .failure(.topUpBeforeYearlyPayment(year: year, unpaid: unpaid))
        }
        return .failure(.backPaymentYearNotAllowed(year, allowed: allowed))
    }

    /// With the scheme's start not known yet (its figure 待核实 without a value) no year can be placed in a situation:
    /// the years asked for are checked for what needs no start (a real year before this one, not paid, not repeated)
    /// and charged at the grade in force, with no subsidy until placed. Approval checks them again with `check` once
    /// the start is confirmed, which places them, gives the subsidy and refuses a year outside the windows.
    public static func checkAwaitingStart(paidYears: Set<Int>, requested: [RequestedYear], grades: [ContributionGrade],
                                          paymentDate: CalendarDate) -> Result<[Line], PensionRefusals> {
        guard !requested.isEmpty else { return .failure([.noBackPaymentYearsRequested]) }
        var refusals: [PensionRefusal] = []
        var lines: [Line] = []
        var seen: Set<Int> = []
        for request in requested {
            guard seen.insert(request.year).inserted else {
                refusals.append(.duplicateYear(field: "补缴年度", year: request.year))
                continue
            }
            if let problem = YearInput.check(request.year, field: "补缴年度", today: paymentDate).first {
                refusals.append(problem)
            } else if request.year == paymentDate.year {
                refusals.append(.backPaymentCurrentYear(request.year))
            } else if paidYears.contains(request.year) {
                refusals.append(.backPaymentAlreadyPaid(request.year))
            } else {
                switch ContributionGrade.chosen(request.gradeFen, among: grades, on: paymentDate) {
                case .failure(let refusal): refusals.append(refusal)
                case .success(let grade): lines.append(Line(year: request.year, situation: nil, amountFen: grade.amountFen, subsidyFen: 0))
                }
            }
        }
        return refusals.isEmpty ? .success(lines.sorted { $0.year < $1.year }) : .failure(PensionRefusals(refusals))
    }
}
