import Foundation
@testable import JiujinbanRules
import Testing

/// A row's grade is checked against the grades in force on its date, from the dated policy figures.
@Suite("insurance exchange: grades by date from the policy figures")
struct ExchangeGradesTests {
    static func row(_ from: String, _ to: String?, _ grades: [Int]) -> PolicyFigureRow {
        PolicyFigureRow(id: UUID(), key: .residentGrades, county: nil, validFrom: CalendarDate(iso: from)!, validTo: to.flatMap(CalendarDate.init(iso:)),
                        value: .grades(grades.map { .init(contributionFen: $0 * 100, subsidyFen: 3_500) }), source: "测试", confidence: .administrator,
                        status: .confirmed)
    }

    /// A table from 2012 ended on 2025-06-30 and succeeded by one with a 6000 元 grade from 2025-07-01.
    static let succeeded = ExchangeGrades(PolicyFigureBook(rows: [
        row("2012-01-01", "2025-06-30", [200, 500]),
        row("2025-07-01", nil, [200, 500, 6000]),
    ]))

    static let header = ExchangeFormatTests.contributionHeader + "\n"

    @Test("a grade added mid-year is accepted for that year and refused the year before, naming the year")
    func succeededMidYear() throws {
        let csv = Self.header
            + "1,140830199001011232,张三,140830100204,resident_basic,2025,正常,6000,6000,0,0,是,2025-09-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,6000,6000,0,0,是,2024-09-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-09-30\n"
        let (rows, problems) = try ExchangeFormatTests.read(.contributions, csv, grades: Self.succeeded)
        #expect(rows.count == 2)
        #expect(problems == ["第3行 grade：缴费档次6000元在2024年未施行：当时城乡居民基本养老保险的档次为200、500元"])
    }

    @Test("a back payment is charged at a grade in force on the day it was paid, whatever year it is for")
    func backPaymentOnPaymentDay() throws {
        let csv = Self.header
            + "1,140830199001011232,张三,140830100204,resident_basic,2015,补缴,6000,6000,0,0,是,2025-08-01\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2016,补缴,6000,6000,0,0,是,2025-06-30\n"
        let problems = try ExchangeFormatTests.read(.contributions, csv, grades: Self.succeeded).problems
        #expect(problems == ["第3行 grade：缴费档次6000元在2025-06-30未施行：当时城乡居民基本养老保险的档次为200、500元"])
    }

    @Test("a date no figure covers is refused naming it and the figure's first day; nothing is invented")
    func noFigureOnTheDate() throws {
        let csv = ExchangeFormatTests.person + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,140830000000,新农保,200,2010-03-01,参保缴费,2010-03-01,\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,140830000000,,200,2022-03-01,参保缴费,2022-03-01,\n"
        let problems = try ExchangeFormatTests.read(.enrolments, csv, grades: Self.succeeded).problems
        #expect(problems.contains("第2行 grade：2010-03-01没有施行的城乡居民基本养老保险缴费档次（政策参数“缴费档次及政府补贴（入口补）”最早自2012-01-01起），无法核对档次200元"))
        #expect(problems.contains("第3行 grade：2022-03-01没有施行的城乡居民补充养老保险缴费档次（政策参数“补充养老保险缴费档次及入口补”没有任何记录），无法核对档次200元"))
        let unvalued = ExchangeGrades(PolicyFigureBook(rows: [
            PolicyFigureRow(id: UUID(), key: .residentGrades, county: nil, validFrom: CalendarDate(iso: "2009-01-01")!, validTo: nil, value: nil,
                            source: "未找到", confidence: .notFound, status: .unconfirmed),
        ]))
        #expect(unvalued.problem(200, .residentBasic, from: CalendarDate(iso: "2012-01-01")!, through: CalendarDate(iso: "2012-12-31")!, when: "2012年")
                == "2012年施行的政策参数“缴费档次及政府补贴（入口补）”待核实、尚无数值，无法核对档次200元")
        #expect(Self.succeeded.problem(200, .employeePension, from: CalendarDate(iso: "2012-01-01")!, through: CalendarDate(iso: "2012-12-31")!,
                                       when: "2012年") == "企业职工基本养老保险没有缴费档次，此列应为空")
    }
}
