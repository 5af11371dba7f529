import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// What the enrolment items (28, 29, 31) read of a person's ledger and of the dated figures: the current
/// enrolment per scheme, and the grades in force as the rules take them.
enum EnrolmentFacts {
    struct Enrolment: Sendable, Equatable {
        let scheme: InsuranceScheme
        let status: EnrolmentStatus
        let enrolledOn: CalendarDate?
        let statusDate: CalendarDate?
        let statusReason: String?

        /// Active or suspended: an enrolment that still counts (a terminated one does not).
        var isOpen: Bool { status != .terminated }
    }

    static func enrolments(of citizen: UUID, on db: any Database) async throws -> [InsuranceScheme: Enrolment] {
        let rows = try await (db as! any SQLDatabase).select()
            .columns("scheme", "status", "enrolled_on", "status_date", "status_reason").from("insurance_enrolments")
            .where("citizen_id", .equal, SQLBind(citizen)).all()
        var found: [InsuranceScheme: Enrolment] = [:]
        for row in rows {
            guard let scheme = InsuranceScheme(rawValue: try row.decode(column: "scheme", as: String.self)),
                  let status = EnrolmentStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            found[scheme] = Enrolment(scheme: scheme, status: status,
                                      enrolledOn: CalendarDate(iso: try row.decode(column: "enrolled_on", as: String.self)),
                                      statusDate: CalendarDate(iso: try row.decode(column: "status_date", as: String.self)),
                                      statusReason: try row.decode(column: "status_reason", as: String?.self))
        }
        return found
    }

    /// Every dated row of `key` (the basic or the supplementary grades) as grades with the days they hold; the
    /// rules pick those in force on the day (`ContributionGrade.chosen`). A row still 待核实 counts with its value:
    /// choosing a grade computes nothing that waits for confirmation.
    static func grades(_ key: PolicyFigureKey, in book: PolicyFigureBook) -> [ContributionGrade] {
        book.history(key, county: nil).flatMap { row -> [ContributionGrade] in
            guard case .grades(let grades)? = row.value else { return [] }
            return grades.map { ContributionGrade(amountFen: $0.contributionFen, subsidyFen: $0.subsidyFen, validFrom: row.validFrom,
                                                  validThrough: row.validTo) }
        }
    }

    /// The county (depth 2) of a division code as text, or the code itself when it is not one.
    static func county(of code: String) -> String {
        (try? DivisionCode(code))?.ancestor(atDepth: 2)?.value ?? code
    }

    /// The person's facts for `ResidentEnrolment`, at a point of `pointCounty`.
    static func facts(_ citizen: CitizenRecord, enrolments: [InsuranceScheme: Enrolment], pointCounty: DivisionCode,
                      isFullTimeStudent: Bool) -> ResidentEnrolment.Facts? {
        guard let born = CalendarDate(iso: citizen.birthDate) else { return nil }
        let employee = enrolments[.employeePension]?.isOpen == true
        return ResidentEnrolment.Facts(
            born: born, isFullTimeStudent: isFullTimeStudent, otherCoverage: employee ? [.employeePension] : [],
            enrolledInBasic: enrolments[.residentBasic]?.isOpen == true,
            basicEnrolmentActive: enrolments[.residentBasic]?.status == .contributing,
            enrolledInSupplementary: enrolments[.residentSupplementary]?.isOpen == true,
            hukouCounty: county(of: citizen.hukouDivisionCode), pointCounty: pointCounty.value)
    }
}
