import JiujinbanRules
import Testing

@Suite("参保登记 (items 28, 29): age, other pensions, place of household registration, grade in force")
struct ResidentEnrolmentTests {
    let today = ymd("2026-12-07")

    func facts(born: String) -> ResidentEnrolment.Facts {
        ResidentEnrolment.Facts(born: ymd(born), hukouCounty: "140830", pointCounty: "140830")
    }

    @Test("16 on the birthday itself; the day before is refused with the date")
    func sixteen() {
        let young = facts(born: "2010-12-08")
        #expect(ResidentEnrolment.checkBasic(young, gradeFen: 20_000, grades: basicGrades, on: ymd("2026-12-07"))
                == [.underSixteen(turnsSixteenOn: ymd("2026-12-08"))])
        #expect(ResidentEnrolment.checkBasic(young, gradeFen: 20_000, grades: basicGrades, on: ymd("2026-12-08")).isEmpty)
    }

    @Test("a student with an employee pension, already enrolled, at another county's point: every reason at once")
    func everyReason() {
        var person = facts(born: "1990-01-01")
        person.isFullTimeStudent = true
        person.otherCoverage = [.employeePension, .civilServicePension]
        person.enrolledInBasic = true
        person.pointCounty = "140829"
        let refusals = ResidentEnrolment.checkBasic(person, gradeFen: 20_000, grades: basicGrades, on: today)
        #expect(refusals == [.fullTimeStudent, .coveredBy(.employeePension), .coveredBy(.civilServicePension),
                             .alreadyEnrolled(.residentBasic), .notAtHukouPlace(hukouCounty: "140830", pointCounty: "140829")])
        #expect(refusals.last?.message == "须在户籍所在地参保：户籍所在县（140830）与本服务点所在县（140829）不一致")
    }

    @Test("the grade must be in force on the day: 600 元 never was, 300 元 ended with 2025, 200 元 is")
    func grade() {
        let person = facts(born: "1990-01-01")
        let inForce = [20_000, 50_000, 70_000, 100_000, 150_000, 200_000]
        #expect(ResidentEnrolment.checkBasic(person, gradeFen: 60_000, grades: basicGrades, on: today)
                == [.gradeNotInForce(amountFen: 60_000, on: today, inForce: inForce)])
        let ended = ResidentEnrolment.checkBasic(person, gradeFen: 30_000, grades: basicGrades, on: today)
        #expect(ended.map(\.message) == ["缴费档次300.00元在2026-12-07不在执行期内，可选：200.00元、500.00元、700.00元、1000.00元、1500.00元、2000.00元"])
        #expect(ResidentEnrolment.checkBasic(person, gradeFen: 30_000, grades: basicGrades, on: ymd("2025-12-31")).isEmpty)
        #expect(ResidentEnrolment.checkBasic(person, gradeFen: -100, grades: basicGrades, on: today)
                == [.negativeAmount(field: "缴费档次", fen: -100)])
    }

    @Test("supplementary: enrolled and paying in the basic scheme and under 65 (65 on the birthday)")
    func supplementary() {
        var person = facts(born: "1961-12-08")
        #expect(ResidentEnrolment.checkSupplementary(person, gradeFen: 20_000, grades: supplementaryGrades, on: today)
                == [.notEnrolledInBasic])
        person.enrolledInBasic = true
        person.basicEnrolmentActive = true
        #expect(ResidentEnrolment.checkSupplementary(person, gradeFen: 20_000, grades: supplementaryGrades, on: today).isEmpty)
        #expect(ResidentEnrolment.checkSupplementary(person, gradeFen: 20_000, grades: supplementaryGrades, on: ymd("2026-12-08"))
                == [.sixtyFiveOrOlder(turnedOn: ymd("2026-12-08"))])
        // 300 元 is a basic grade, not a supplementary one.
        #expect(ResidentEnrolment.checkSupplementary(person, gradeFen: 30_000, grades: supplementaryGrades, on: today)
                == [.gradeNotInForce(amountFen: 30_000, on: today, inForce: [20_000, 50_000, 100_000, 200_000, 500_000])])
        person.basicEnrolmentActive = false
        person.enrolledInSupplementary = true
        #expect(ResidentEnrolment.checkSupplementary(person, gradeFen: 20_000, grades: supplementaryGrades, on: today)
                == [.notEnrolledInBasic, .alreadyEnrolled(.residentSupplementary)])
    }
}
