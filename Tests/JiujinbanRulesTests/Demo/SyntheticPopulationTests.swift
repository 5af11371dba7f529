import JiujinbanRules
import Testing

@Suite("Synthetic population for benchmarks: valid, unique, reproducible")
struct SyntheticPopulationTests {
    let villages = [try! DivisionCode("140830100204"), try! DivisionCode("140830100019"), try! DivisionCode("140830101200")]
    let today = CalendarDate(year: 2026, month: 11, day: 30)!

    @Test("20,000 people: every ID number parses, agrees with sex and birth date, and none repeats")
    func validAndUnique() {
        var population = SyntheticPopulation(seed: 7, residences: villages, regionCode: "140830", formerRegionCode: "142723")
        var seen = Set<String>()
        for _ in 0..<20_000 {
            let person = population.next()
            guard case .success(let id) = ResidentIDNumber.parse(person.idNumber, today: today) else {
                Issue.record("invalid ID number \(person.idNumber)")
                return
            }
            #expect(id.sex == person.sex)
            #expect(id.birthDate == person.birthDate)
            #expect(SyntheticPopulation.birthRange.contains(person.birthDate))
            #expect(person.idNumber.hasPrefix(person.birthDate.year < 1980 ? "142723" : "140830"))
            #expect(villages.contains(person.residence) && villages.contains(person.hukou))
            #expect(Ethnicity.isKnown(person.ethnicity))
            #expect((2...3).contains(person.name.count))
            if let phone = person.phone {
                guard case .success = MobilePhoneNumber.parse(phone) else {
                    Issue.record("invalid phone \(phone)")
                    return
                }
            }
            #expect(seen.insert(person.idNumber).inserted)
        }
    }

    @Test("the same seed gives the same people; another seed other people")
    func reproducible() {
        var first = SyntheticPopulation(seed: 42, residences: villages, regionCode: "140830")
        var again = SyntheticPopulation(seed: 42, residences: villages, regionCode: "140830")
        var other = SyntheticPopulation(seed: 43, residences: villages, regionCode: "140830")
        let a = (0..<200).map { _ in first.next() }
        let b = (0..<200).map { _ in again.next() }
        let c = (0..<200).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
    }
}
