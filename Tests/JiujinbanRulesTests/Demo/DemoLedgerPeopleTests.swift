@testable import JiujinbanRules
import Testing

/// The demonstration and synthetic ledgers are exchange rows the import's reader accepts, on any day they are loaded.
@Suite("demonstration ledger: its rows read as exchange rows on any loading day, ages as promised")
struct DemoLedgerPeopleTests {
    static let levels: [String: DivisionLevel] = ["140830000000": .county, "140830100000": .township, "140830100204": .village]

    static func problems(_ rows: SyntheticLedger.Rows, today: CalendarDate) throws -> [String] {
        var problems: [String] = []
        for kind in ExchangeKind.importable {
            let header = try ExchangeFormat.header(SyntheticLedger.headers[kind]!, kind: kind).get()
            var reader = ExchangeRowReader(header: header, today: today, divisionLevel: { levels[$0.value] }, grades: ExchangeFormatTests.seeded)
            for (index, fields) in rows.rows(kind).enumerated() {
                if case .failure(let found) = reader.read(CSVReader.Record(line: index + 2, fields: fields)) {
                    problems += found.problems.map { "\(kind) \($0.text)" }
                }
            }
        }
        return problems
    }

    @Test("loaded on the first and last days of several years, every row is accepted and the ages hold")
    func rowsAcceptedOnAnyDay() throws {
        for iso in ["2026-01-01", "2026-11-25", "2027-02-28", "2028-02-29", "2030-12-31"] {
            let today = CalendarDate(iso: iso)!
            let (people, rows) = DemoLedgerPeople.ledger(today: today)
            #expect(try Self.problems(rows, today: today) == [], "\(iso)")
            #expect(people.map { today.completedYears(since: $0.birthDate) } == [45, 60, 66, 70, 52], "\(iso)")
            #expect(today.completedYears(since: DemoLedgerPeople.teenager(today: today).birthDate) == 16)
            #expect(rows.payments.last?.contains("账户已冻结") == true)
        }
    }

    @Test("the synthetic ledger of a thousand people is accepted whole, reproducible from its seed")
    func syntheticAccepted() throws {
        let today = CalendarDate(iso: "2026-11-25")!
        func make() -> SyntheticLedger.Rows {
            var population = SyntheticPopulation(seed: 7, residences: [try! DivisionCode("140830100204")], regionCode: "140830",
                                                 formerRegionCode: "142723")
            var ledger = SyntheticLedger(seed: 7, county: "140830000000", today: today)
            var rows = SyntheticLedger.Rows()
            for _ in 0..<1_000 {
                let person = population.next()
                ledger.add(.init(idNumber: person.idNumber, name: person.name, hukou: person.hukou.value, birthDate: person.birthDate), to: &rows)
            }
            return rows
        }
        let rows = make()
        let found = try Self.problems(rows, today: today)
        #expect(found == [], "\(found.prefix(5))")
        #expect(rows == make())
        #expect(!rows.enrolments.isEmpty && !rows.entitlements.isEmpty && rows.payments.contains { $0.contains(PaymentResult.failed.rawValue) })
    }
}
