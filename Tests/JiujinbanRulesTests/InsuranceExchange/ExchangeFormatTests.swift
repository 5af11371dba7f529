import Foundation
@testable import JiujinbanRules
import Testing

/// The exchange formats of the insurance ledger: header, rows of each kind, every bad input named by line and column.
@Suite("insurance exchange formats: headers and rows of the four kinds")
struct ExchangeFormatTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 25)!
    static let levels: [String: DivisionLevel] = [
        "140830000000": .county, "140830100000": .township, "140830100204": .village, "140800000000": .city,
    ]

    /// Reads `csv` (header and rows) as `kind`: the typed rows, or every problem's text.
    /// The seeded figures (policy-figures.md), each row open-ended: the grades the import checks by date.
    static let seeded = ExchangeGrades(PolicyFigureBook(rows: PolicyFigureSeed.rows.map {
        PolicyFigureRow(id: UUID(), key: $0.key, county: $0.county, validFrom: $0.from, validTo: nil, value: $0.value, source: $0.source,
                        confidence: $0.confidence, status: $0.status)
    }))

    static func read(_ kind: ExchangeKind, _ csv: String, grades: ExchangeGrades = seeded) throws -> (rows: [ExchangeRow], problems: [String]) {
        let records = try CSVReader.records(of: csv)
        let header: ExchangeHeader
        switch ExchangeFormat.header(records[0].fields, kind: kind) {
        case .success(let read): header = read
        case .failure(let problems): return ([], problems.problems.map(\.text))
        }
        var reader = ExchangeRowReader(header: header, today: today, divisionLevel: { levels[$0.value] }, grades: grades)
        var rows: [ExchangeRow] = [], problems: [String] = []
        for record in records.dropFirst() {
            switch reader.read(record) {
            case .success(let row): rows.append(row)
            case .failure(let found): problems += found.problems.map(\.text)
            }
        }
        return (rows, problems)
    }

    /// The rows of a file expected to be good (a problem fails the test, naming it).
    static func good(_ kind: ExchangeKind, _ csv: String) throws -> [ExchangeRow] {
        let (rows, problems) = try read(kind, csv)
        #expect(problems.isEmpty, "\(problems)")
        return rows
    }

    static let person = "format_version,id_number,name,hukou_division,scheme"
    static let contributionHeader = person + ",year,type,grade,personal,subsidy,collective,arrived,arrived_on"

    @Test("a good contribution file: yuan become fen, 到账 with its date, the person from the ID number")
    func contributions() throws {
        let csv = Self.contributionHeader + "\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\r\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2015,补缴,300,300.5,0,,否,\n"
        let rows = try Self.good(.contributions, csv)
        guard case .contribution(let first) = rows[0], case .contribution(let second) = rows[1] else {
            Issue.record("not contributions")
            return
        }
        #expect(first.line == 2 && first.year == 2024 && first.kind == .regular && first.personalFen == 50_000)
        #expect(first.subsidyFen == 6_000 && first.arrived && first.arrivedOn == CalendarDate(year: 2024, month: 6, day: 30))
        #expect(first.person.idNumber.sex == .male && first.person.hukou.value == "140830100204")
        #expect(second.line == 3 && second.kind == .backPayment && second.personalFen == 30_050 && !second.arrived && second.collectiveFen == 0)
        #expect(rows[0].naturalKey != rows[1].naturalKey)
    }

    @Test("the natural key is exact: the same person, scheme, year and type are one key; any of them different, another")
    func naturalKeys() throws {
        let csv = Self.contributionHeader + "\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,300,300,60,0,是,2024-07-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,补缴,500,500,0,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2024,正常,,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2023,正常,500,500,60,0,是,2023-06-30\n"
            + "1,14083019900101103X,李四,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011240,王五,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
        let rows = try Self.good(.contributions, csv)
        let keys = rows.map(\.naturalKey)
        #expect(keys.count == 7 && keys[0] == keys[1])
        #expect(Set(keys).count == keys.count - 1, "\(rows.map(\.person.idNumber.value))")
    }

    @Test("each bad contribution cell is named by line and column: check digit, negative amount, impossible year, unknown code, grade, division")
    func badContributions() throws {
        let csv = Self.contributionHeader + "\n"
            + "1,140830199001011233,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,-500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2031,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2019,正常,,500,60,0,是,2019-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_pension,2024,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,600.5,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,550,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140831000000,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,\n"
            + "2,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,0,否,\n"
        let problems = try Self.read(.contributions, csv).problems
        #expect(problems.contains("第2行 id_number：\(ResidentIDNumberError.checksumMismatch.message)"))
        #expect(problems.contains("第3行 personal：个人缴费不能为负数（“-500”）"))
        #expect(problems.contains { $0.hasPrefix("第4行 year：缴费年度2031不可能") })
        #expect(problems.contains { $0.hasPrefix("第5行 year：缴费年度2019不可能") })
        #expect(problems.contains { $0.hasPrefix("第6行 scheme：未知的险种“resident_pension”") })
        #expect(problems.contains { $0.hasPrefix("第7行 grade：缴费档次应为整数元") })
        #expect(problems.contains { $0.hasPrefix("第8行 grade：缴费档次550元在2024年未施行：当时城乡居民基本养老保险的档次为200、300、500") })
        #expect(problems.contains { $0.hasPrefix("第9行 hukou_division：未知的户籍所在地区划代码“140831000000”") })
        #expect(problems.contains("第10行 arrived_on：到账日期不能为空"))
        #expect(problems.contains { $0.hasPrefix("第11行 format_version：未知的格式版本“2”") })
        #expect(problems.count == 10)
    }

    @Test("a back payment may be for the 15 years before its scheme began (topping up to 15), a year's own contribution not")
    func backPaymentYears() throws {
        let csv = Self.contributionHeader + "\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2006,补缴,1000,1000,0,0,是,2021-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2020,补缴,1000,1000,0,0,是,2021-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2005,补缴,1000,1000,0,0,是,2021-06-30\n"
            + "1,140830199001011232,张三,140830100204,resident_supplementary,2020,正常,1000,1000,200,0,是,2021-06-30\n"
        let (rows, problems) = try Self.read(.contributions, csv)
        #expect(rows.count == 2)
        #expect(problems == ["第4行 year：缴费年度2005不可能：城乡居民补充养老保险的补缴年度应在2006至2026年之间",
                             "第5行 year：缴费年度2020不可能：城乡居民补充养老保险的缴费年度应在2021至2026年之间"])
    }

    @Test("an unknown column is refused naming it; a missing required one and a duplicate too")
    func headers() throws {
        let unknown = try Self.read(.contributions, Self.contributionHeader + ",remark\n").problems
        #expect(unknown == ["第1行 remark：未知列“remark”：缴费记录文件（格式版本1）没有此列"])
        let missing = try Self.read(.payments, Self.person + ",county,month,amount,bank,account,result,result\n").problems
        #expect(missing.contains("第1行 result：列“result”出现了两次"))
        #expect(missing == ["第1行 result：列“result”出现了两次"])
        let noVersion = try Self.read(.enrolments, "id_number,name\n").problems
        #expect(noVersion.contains("第1行 format_version：缺少必需的列“format_version”（格式版本）"))
        #expect(noVersion.contains("第1行 county：缺少必需的列“county”（参保地（县级区划代码））"))
    }

    @Test("enrolments: a resident enrolment names its start kind and grade; a suspension needs its reason; the county must be a county")
    func enrolments() throws {
        let header = Self.person + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
        let good = try Self.good(.enrolments, header
            + "1,11010519491231002X,李四,140830100000,resident_basic,140830000000,新农保,500,2010-03-01,暂停缴费,2020-05-01,参加其他养老保险\n")
        guard case .enrolment(let row) = good[0] else { Issue.record("not an enrolment"); return }
        #expect(row.startKind == .newRural && row.grade == 500 && row.status == .suspended && row.statusReason == "参加其他养老保险")
        #expect(row.person.idNumber.sex == .female)
        let bad = try Self.read(.enrolments, header
            + "1,11010519491231002X,李四,140830100000,resident_basic,140830100000,,500,2010-03-01,暂停缴费,2009-05-01,\n").problems
        #expect(bad.contains("第2行 county：参保地“140830100000”是乡镇（街道），应为县（市、区）"))
        #expect(bad.contains("第2行 start_kind：参保起始制度不能为空"))
        #expect(bad.contains("第2行 status_reason：状态变更原因不能为空"))
        #expect(bad.contains("第2行 status_date：状态变更日期2009-05-01早于参保日期2010-03-01"))
    }

    @Test("entitlements: the monthly amount must equal its parts")
    func entitlements() throws {
        let header = Self.person + ",county,start_month,monthly,basic_central,basic_provincial,basic_county,account_part,status,status_date\n"
        let good = try Self.good(.entitlements, header
            + "1,142723196508150011,王五,140830100204,resident_basic,140830000000,2025-09,213.60,143,20,10,40.60,正常,2025-09-01\n")
        guard case .entitlement(let row) = good[0] else { Issue.record("not an entitlement"); return }
        #expect(row.monthlyFen == 21_360 && row.basicCentralFen == 14_300 && row.accountFen == 4_060 && row.exitSubsidyFen == 0)
        let bad = try Self.read(.entitlements, header
            + "1,142723196508150011,王五,140830100204,resident_basic,140830000000,2025-13,213.60,143,20,10,40,正常,2025-09-01\n").problems
        #expect(bad.contains("第2行 start_month：待遇起始月份应为 YYYY-MM 格式，而不是“2025-13”"))
        #expect(bad.contains("第2行 monthly：月待遇213.60元与各项构成之和213.00元不符"))
    }

    @Test("entitlements: 集体出口补 is a part of its own, optional (a file without the column reads as 0), and counts in the sum")
    func collectiveExitSubsidy() throws {
        let header = Self.person + ",county,start_month,monthly,account_part,exit_subsidy,collective_exit,status,status_date\n"
        let good = try Self.good(.entitlements, header
            + "1,142723195508150017,王七,140830100204,resident_supplementary,140830000000,2022-01,45.00,15.00,20.00,10.00,正常,2022-01-01\n")
        guard case .entitlement(let row) = good[0] else { Issue.record("not an entitlement"); return }
        #expect(row.monthlyFen == 4_500 && row.accountFen == 1_500 && row.exitSubsidyFen == 2_000 && row.collectiveExitFen == 1_000)
        let bad = try Self.read(.entitlements, header
            + "1,142723195508150017,王七,140830100204,resident_supplementary,140830000000,2022-01,35.00,15.00,20.00,10.00,正常,2022-01-01\n").problems
        #expect(bad == ["第2行 monthly：月待遇35.00元与各项构成之和45.00元不符"])
        #expect(ExchangeFormat.columns(of: .entitlements).first { $0.name == "collective_exit" }?.required == false)
    }

    @Test("payments: a failure needs its reason; the account is digits")
    func payments() throws {
        let header = Self.person + ",county,month,amount,bank,account,result,failure_reason\n"
        let good = try Self.good(.payments, header
            + "1,140830200002290021,赵六,140830100204,resident_basic,140830000000,2026-10,213.60,芮城农商银行,6228480012345678,失败,账户已销户\n")
        guard case .payment(let row) = good[0] else { Issue.record("not a payment"); return }
        #expect(row.result == .failed && row.failureReason == "账户已销户" && row.amountFen == 21_360 && row.month == "2026-10")
        let bad = try Self.read(.payments, header
            + "1,140830200002290021,赵六,140830100204,resident_basic,140830000000,2027-03,213.60,芮城农商银行,6228-4800,失败,\n").problems
        #expect(bad.contains { $0.hasPrefix("第2行 month：发放月份2027-03不可能") })
        #expect(bad.contains("第2行 account：银行账号应为8至32位数字"))
        #expect(bad.contains("第2行 failure_reason：失败原因不能为空"))
    }

    @Test("CSV: quoted fields with commas, doubled quotes and line breaks; a byte-order mark; an unclosed quote named by line")
    func csv() throws {
        let records = try CSVReader.records(of: "\u{FEFF}a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(throws: CSVReader.Problem.unterminatedQuote(line: 2)) { try CSVReader.records(of: "a\n\"open,b\n") }
    }

    @Test("yuan to fen: two decimals at most, never negative")
    func money() {
        #expect(Money.fen(fromYuan: "100") == .success(10_000))
        #expect(Money.fen(fromYuan: "0.05") == .success(5))
        #expect(Money.fen(fromYuan: "-1") == .failure(.negative))
        #expect(Money.fen(fromYuan: "1.005") == .failure(.malformed))
        #expect(Money.fen(fromYuan: "1.") == .failure(.malformed))
        #expect(Money.yuanText(21_360) == "213.60")
    }
}
