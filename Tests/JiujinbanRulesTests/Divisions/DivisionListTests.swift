import JiujinbanRules
import Testing

@Suite("DivisionList: the NBS code list as a CSV file, checked line by line")
struct DivisionListTests {
    static let header = "code,name,short_name,level,parent_code,urban_rural_code"
    static let ruicheng = """
        \(header)
        140000000000,山西省,山西省,province,,
        140800000000,运城市,运城市,city,140000000000,
        140830000000,芮城县,芮城县,county,140800000000,
        140830100000,古魏镇,古魏镇,township,140830000000,
        140830100001,城东社区居委会,城东社区,community,140830100000,111
        140830100201,"太安村委会",太安村,village,140830100000,220

        """

    func entry(_ code: String, _ name: String, _ level: DivisionLevel, _ parent: String?, urbanRural: String? = nil) throws -> DivisionList.Entry {
        DivisionList.Entry(code: try DivisionCode(code), name: name, shortName: name, level: level,
                           parentCode: try parent.map { try DivisionCode($0) }, urbanRuralCode: urbanRural)
    }

    func plan(_ text: String, stored: [DivisionList.Entry] = []) -> Result<DivisionList.Plan, DivisionList.Problems> {
        let byCode = Dictionary(uniqueKeysWithValues: stored.map { ($0.code, $0) })
        return DivisionList.plan(text) { byCode[$0] }
    }

    func problems(_ text: String, stored: [DivisionList.Entry] = []) -> [String] {
        if case .failure(let problems) = plan(text, stored: stored) { return problems.lines }
        return []
    }

    @Test("an empty database takes every line, parents before children, short names defaulting to the name")
    func fresh() throws {
        let first = try plan(Self.ruicheng).get()
        #expect(first.additions.map(\.code.value) == [
            "140000000000", "140800000000", "140830000000", "140830100000", "140830100001", "140830100201",
        ])
        #expect(first.additions.last?.name == "太安村委会")
        #expect(first.additions.last?.shortName == "太安村")
        #expect(first.additions.last?.urbanRuralCode == "220")
        #expect(first.summary == "新增 6 个，改名 0 个，其他更新 0 个，未变 0 个")
        // Children may come before their parents in the file; columns in any order, without the optional ones.
        let shuffled = try plan("level,parent_code,name,code\ncounty,140800000000,芮城县,140830000000\ncity,140000000000,运城市,140800000000\nprovince,,山西省,140000000000\n").get()
        #expect(shuffled.additions.map(\.level) == [.province, .city, .county])
        #expect(shuffled.additions.first?.shortName == "山西省")
    }

    @Test("importing what is stored changes nothing; a new name renames, a new line adds, an empty cell keeps")
    func again() throws {
        let stored = try plan(Self.ruicheng).get().additions
        let same = try plan(Self.ruicheng, stored: stored).get()
        #expect(same.additions.isEmpty && same.changes.isEmpty && same.unchanged == 6)
        let later = """
            code,name,level,parent_code,urban_rural_code
            140830100001,城东社区居委会,community,140830100000,
            140830100201,太安新村委会,village,140830100000,220
            140830100202,新建村委会,village,140830100000,220
            """
        let result = try plan(later, stored: stored).get()
        #expect(result.additions.map(\.code.value) == ["140830100202"])
        #expect(result.renamed == 2) // short names default to the name when the column is missing
        let renamed = try #require(result.changes.first { $0.after.code.value == "140830100201" })
        #expect(renamed.before.name == "太安村委会" && renamed.after.name == "太安新村委会" && renamed.line == 3)
        #expect(result.changes.allSatisfy { $0.after.urbanRuralCode == $0.before.urbanRuralCode })
    }

    @Test("a level or parent that differs from what is stored is refused, naming the line")
    func noSilentMove() throws {
        // Stored data from an earlier version of the platform may break today's code rules.
        let stored = [
            try entry("140000000000", "山西省", .province, nil), try entry("140800000000", "运城市", .city, "140000000000"),
            try entry("140830000000", "芮城县", .county, "140800000000"), try entry("140830100000", "古魏镇", .township, "140830000000"),
            try entry("140830100201", "太安村委会", .community, "140830100000"),
            try entry("140830100202", "某村委会", .village, "140830000000"),
        ]
        let lines = problems("""
            code,name,level,parent_code
            140830100201,太安村委会,village,140830100000
            140830100202,某村委会,village,140830100000
            """, stored: stored)
        #expect(lines == [
            "第2行：区划代码 140830100201 在系统中是“社区”，文件中是“行政村”：导入不能改变层级",
            "第3行：区划代码 140830100202 在系统中的上级区划是 140830000000，文件中是 140830100000：导入不能改变上级区划",
        ])
    }

    @Test("every bad line is named with its problem, and nothing is planned", arguments: [
        ("140830100201,某村,village,140830100000\n14083010020,某村,village,140830100000", "第3行：区划代码“14083010020”有误：区划代码应为12位数字"),
        ("140830100201,某村,hamlet,140830100000", "第2行：层级“hamlet”未知"),
        ("140830100201,某村,community,140830100000", "第2行：区划代码 140830100201 与层级“社区”不符"),
        ("140830100201,某村,village,140830101000", "第2行：区划代码 140830100201 不属于上级区划 140830101000"),
        ("140830108201,某村,village,140830108000", "第2行：上级区划 140830108000 既不在系统中"),
        ("140830100201,某村,village,140830100000\n140830100201,某村,village,140830100000", "第3行：区划代码 140830100201 与第2行重复"),
        ("140830100201,,village,140830100000", "第2行：请填写名称"),
        ("140830100201,某村,village,", "第2行：缺少上级区划代码 parent_code"),
        ("150000000000,内蒙古自治区,province,140000000000", "第2行：省级区划不能有上级区划"),
        ("140830100201,某村,village", "第2行：应有4列，实有3列"),
        ("140830100201,\"某村,village,140830100000", "第2行：引号未闭合"),
    ] as [(String, String)])
    func badLine(body: String, message: String) throws {
        let stored = try plan(Self.ruicheng).get().additions.filter { $0.level != .village && $0.level != .community }
        let lines = problems("code,name,level,parent_code\n" + body, stored: stored)
        #expect(lines.contains { $0.hasPrefix(message) }, "\(lines)")
    }

    @Test("the header: required columns, no unknown or repeated ones, not empty")
    func header() {
        #expect(problems("code,name,level\n140000000000,山西省,province") == ["第1行：缺少必需的列 parent_code"])
        #expect(problems("code,name,level,parent_code,shortname\n140000000000,山西省,province,,山西")
            == ["第1行：未知的列“shortname”（可用的列：code、name、level、parent_code、short_name、urban_rural_code）"])
        #expect(problems("code,name,level,parent_code,code\n") == ["第1行：列“code”出现了两次"])
        #expect(problems("") == ["文件是空的：第一行应为列名（code,name,level,parent_code…）"])
        #expect(problems("code,name,level,parent_code\n\n") == ["文件中没有区划（只有列名一行）"])
    }

    @Test("the 城乡分类代码 is one of the NBS codes, and only for villages and communities")
    func urbanRural() {
        let body = "code,name,level,parent_code,urban_rural_code\n140000000000,山西省,province,,111\n140800000000,运城市,city,140000000000,999\n"
        #expect(problems(body) == ["第2行：城乡分类代码只用于行政村和社区", "第3行：城乡分类代码“999”未知，应为 111、112、121、122、123、210、220 之一"])
    }

    @Test("CSV as Excel writes it: a byte-order mark, CRLF, quotes with doubled quotes")
    func csv() throws {
        let records = try CSVReader.records(of: "\u{FEFF}a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z")
        #expect(records == [
            .init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["x,1", "say \"hi\""]),
            .init(line: 4, fields: ["two\nlines", "z"]),
        ])
    }
}
