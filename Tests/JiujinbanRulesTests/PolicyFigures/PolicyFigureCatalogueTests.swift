import Foundation
import JiujinbanRules
import Testing

private typealias Staff = AccountFixture.Staff

@Suite("政策参数: the catalogue, values as typed and stored, the seed, who reads and sets")
struct PolicyFigureCatalogueTests {
    @Test("values read what people type (元, %, grades) and survive the store's text")
    func values() throws {
        #expect(try PolicyFigureValue.parse("123", kind: .amount).get() == .amount(fen: 12300))
        #expect(try PolicyFigureValue.parse(" 12.4 ", kind: .amount).get() == .amount(fen: 1240))
        #expect(try PolicyFigureValue.parse("2.75", kind: .rate).get() == .rate(basisPoints: 275))
        #expect(try PolicyFigureValue.parse("200/70，500/120, 1000/200", kind: .grades).get()
                == .grades([.init(contributionFen: 20000, subsidyFen: 7000), .init(contributionFen: 50000, subsidyFen: 12000),
                            .init(contributionFen: 100000, subsidyFen: 20000)]))
        let samples: [PolicyFigureValue] = [.amount(fen: 12345), .count(139), .rate(basisPoints: 9000),
                                            .date(CalendarDate(iso: "2021-01-01")!), .grades([.init(contributionFen: 20000, subsidyFen: 3500)])]
        for value in samples {
            #expect(PolicyFigureValue(stored: value.stored, kind: value.kind) == value)
            #expect(try PolicyFigureValue.parse(value.entry, kind: value.kind).get() == value)
        }
        #expect(PolicyFigureValue.amount(fen: 12345).display == "123.45元")
        #expect(PolicyFigureValue.rate(basisPoints: 9000).display == "90%")
        #expect(PolicyFigureValue(stored: "12.3", kind: .amount) == nil)
    }

    @Test("the seed: every figure has a row, no two rows of a figure start the same day, county rows are Ruicheng's")
    func seedCovers() {
        let rows = PolicyFigureSeed.rows
        for key in PolicyFigureKey.allCases {
            #expect(rows.contains { $0.key == key }, "\(key) has no seed row")
        }
        let starts = rows.map { "\($0.key.rawValue)|\($0.countyCode ?? "")|\($0.from.iso)" }
        #expect(Set(starts).count == starts.count)
        for row in rows {
            #expect((row.countyCode != nil) == (row.key.definition.scope == .county), "\(row.key)")
            if let value = row.value { #expect(value.kind == row.key.definition.kind, "\(row.key)") }
            #expect(!row.source.isEmpty)
        }
        #expect(rows.compactMap(\.county).allSatisfy { $0.countyCode == "140830" })
    }

    /// Written by hand from policy-figures.md: the rows that are confirmed (official or secondary, value and day
    /// given); every other row is 待核实.
    @Test("the seed confirms exactly the rows policy-figures.md confirms")
    func seedConfirmed() {
        let confirmed = Set(PolicyFigureSeed.rows.filter { $0.status == .confirmed }.map { "\($0.key.rawValue)@\($0.from.iso)" })
        #expect(confirmed == [
            "resident.basic-pension.central@2018-01-01", "resident.basic-pension.central@2023-07-01",
            "supplementary.start@2021-01-01", "supplementary.account-divisor@2021-01-01", "supplementary.grades@2021-01-01",
            "supplementary.exit-subsidy.65@2021-01-01", "supplementary.exit-subsidy.80@2021-01-01",
            "supplementary.low-income-add-on@2021-01-01",
            "wage.minimum.class-1@2021-10-01", "wage.minimum.class-2@2021-10-01", "wage.minimum.class-3@2021-10-01",
            "wage.minimum.class-1@2023-01-01", "wage.minimum.class-2@2023-01-01", "wage.minimum.class-3@2023-01-01",
            "wage.minimum.class-1@2025-01-01", "wage.minimum.class-2@2025-01-01", "wage.minimum.class-3@2025-01-01",
            "wage.minimum.county-class@2021-10-01", "wage.minimum.county-class@2025-01-01",
            "unemployment.benefit-rate@2018-05-01", "unemployment.benefit-rate@2021-10-01", "unemployment.benefit-rate@2023-01-01",
            "flexible.average-wage@2024-01-01", "flexible.base.lower@2024-01-01", "flexible.base.upper@2024-01-01",
            "flexible.average-wage@2025-01-01", "flexible.base.lower@2025-01-01", "flexible.base.upper@2025-01-01",
        ])
        let missing = PolicyFigureSeed.rows.filter { $0.value == nil }.map(\.key)
        #expect(Set(missing) == [.provincialBasicPension, .countyBasicPension, .personalAccountInterest, .ruralPensionStart, .urbanResidentPensionStart])
    }

    @Test("who sets what: the province's business admins the provincial figures, a county's its own; nobody else")
    func mayChange() {
        #expect(PolicyFigureAccess.mayChange(.centralBasicPension, county: nil, by: Staff.provinceBusinessAdmin))
        #expect(!PolicyFigureAccess.mayChange(.countyBasicPension, county: AccountFixture.Codes.ruicheng, by: Staff.provinceBusinessAdmin))
        #expect(PolicyFigureAccess.mayChange(.countyBasicPension, county: AccountFixture.Codes.ruicheng, by: Staff.ruichengBusinessAdmin))
        #expect(!PolicyFigureAccess.mayChange(.countyBasicPension, county: AccountFixture.Codes.yongji, by: Staff.ruichengBusinessAdmin))
        #expect(!PolicyFigureAccess.mayChange(.centralBasicPension, county: nil, by: Staff.ruichengBusinessAdmin))
        for other in [Staff.provinceSystemAdmin, Staff.ruichengSystemAdmin, Staff.ruichengReviewer, Staff.yunchengOfficer, Staff.taskForceMember] {
            #expect(!PolicyFigureAccess.mayChange(.centralBasicPension, county: nil, by: other))
            #expect(!PolicyFigureAccess.mayChange(.countyBasicPension, county: AccountFixture.Codes.ruicheng, by: other))
        }
    }

    @Test("who reads a county's figures: that county, and the city and province above it")
    func mayRead() {
        let ruicheng = AccountFixture.Codes.ruicheng
        #expect(PolicyFigureAccess.mayRead(county: nil, from: AccountFixture.Units.yongji))
        #expect(PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.ruicheng))
        #expect(PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.yuncheng))
        #expect(PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.province))
        #expect(PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.taianVillage))
        #expect(!PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.yongji))
        #expect(!PolicyFigureAccess.mayRead(county: ruicheng, from: AccountFixture.Units.taiyuan))
    }
}
