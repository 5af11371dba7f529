import Fluent
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import VaporTesting

/// Attachment 2's per-township counts: 合计 / 乡镇 / 行政村 / 社区.
let attachment2Counts: [String: [Int]] = [
    "风陵渡镇": [37, 1, 34, 2], "阳城镇": [18, 1, 17, 0], "永乐镇": [9, 1, 8, 0], "大王镇": [13, 1, 12, 0],
    "学张乡": [11, 1, 10, 0], "古魏镇": [29, 1, 15, 13], "南磑镇": [10, 1, 9, 0], "西陌镇": [10, 1, 9, 0],
    "东垆乡": [14, 1, 13, 0], "陌南镇": [20, 1, 18, 1],
]

@Suite("Administrative hierarchy and Ruicheng's 171 service points")
struct HierarchyTests {
    @Test("province › city › county › 10 townships › 145 villages and 16 communities")
    func demoHierarchy() async throws {
        try await TestApp.run { app in
            func count(_ level: DivisionLevel) async throws -> Int {
                try await Division.query(on: app.db).filter(\.$level == level.rawValue).count()
            }
            var levels: [DivisionLevel: Int] = [:]
            for level in DivisionLevel.allCases { levels[level] = try await count(level) }
            #expect(levels == [.province: 1, .city: 1, .county: 1, .township: 10, .village: 145, .community: 16])
            #expect(app.holdsDemoData)
        }
    }

    @Test("service points per township equal attachment 2, and the county subtotal is 171 / 10 / 145 / 16")
    func countsPerTownship() async throws {
        try await TestApp.run { app in
            let county = try DivisionCode("140830000000")
            let townships = try await DivisionQueries.children(of: county.value, on: app.db)
            let counts = try await ServicePointQueries.countsByChild(under: county, childPrefixLength: 9, on: app.db)
            var seen: [String: [Int]] = [:]
            for township in townships {
                let c = counts[township.divisionCode!.scopePrefix] ?? ServicePointCounts()
                seen[township.name] = [c.total, c.township, c.village, c.community]
            }
            #expect(seen == attachment2Counts)
            let total = try await ServicePointQueries.counts(in: county, on: app.db)
            let subtotal = [total.total, total.township, total.village, total.community]
            #expect(subtotal == [171, 10, 145, 16])
            let province = try await ServicePointQueries.counts(in: try DivisionCode("140000000000"), on: app.db)
            #expect(province.total == 171)
        }
    }

    @Test("demonstration areas and populations add up to the county's figures at every level")
    func figuresAddUp() async throws {
        try await TestApp.run { app in
            let all = try await Division.query(on: app.db).all().map(\.summary)
            let county = try #require(all.first { $0.code == "140830000000" })
            #expect(county.areaCentiKm2 == 117_555)
            #expect(county.population == 342_889)
            for parent in all where parent.level == .county || parent.level == .township {
                let children = all.filter { $0.parentCode == parent.code }
                #expect(children.compactMap(\.areaCentiKm2).reduce(0, +) == parent.areaCentiKm2)
                #expect(children.compactMap(\.population).reduce(0, +) == parent.population)
                #expect(children.allSatisfy { $0.figuresAreDemo })
            }
        }
    }

    @Test("the county page shows the tree with each township's counts and the subtotal row")
    func countyPage() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .provinceSystemAdmin)
            try await app.testing().test(.GET, "/divisions/140830000000", headers: admin.headers) { res in
                #expect(res.status == .ok)
                let html = res.text
                #expect(html.contains("芮城县小计"))
                #expect(html.contains("<strong>171</strong>"))
                #expect(html.contains("风陵渡镇（37个服务点：乡镇 1、行政村 34、社区 2）"))
                #expect(html.contains("古魏镇（29个服务点：乡镇 1、行政村 15、社区 13）"))
                #expect(html.contains("令花社区"))
                #expect(html.contains("演示数据"))
            }
            try await app.testing().test(.GET, "/divisions", headers: admin.headers) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/divisions/140000000000")
            }
        }
    }

    @Test("the division API lists children and the subtree's service points")
    func divisionAPI() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/api/divisions/140830100000", headers: admin.headers) { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(APIController.DivisionDTO.self)
                #expect(body.division.name == "古魏镇")
                #expect(body.children.count == 28)
                #expect(body.servicePoints == 29)
            }
        }
    }

    @Test("adding a division: good input is saved under its parent")
    func addDivision() async throws {
        try await TestApp.run { app in
            let fields = [("code", "140830100299"), ("name", "测试新村"), ("level", "village"),
                          ("parent_code", "140830100000"), ("area_km2", "3.25"), ("population_wan", "0.1234")]
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.expectNoticeRedirect("/divisions", as: admin, fields: fields)
            let saved = try #require(try await Division.find("140830100299", on: app.db))
            #expect(saved.parentCode == "140830100000")
            #expect(saved.areaCentiKm2 == 325)
            #expect(saved.population == 1234)
        }
    }

    @Test("bad division input: 422 with a message naming the field, nothing written", arguments: [
        ([("code", "140830100299"), ("name", ""), ("level", "village"), ("parent_code", "140830100000")], "name", "请填写区划名称"),
        ([("code", "140830100299"), ("name", String(repeating: "长", count: 41)), ("level", "village"), ("parent_code", "140830100000")], "name", "不能超过40个字"),
        ([("code", "140830100299"), ("name", "某村"), ("level", "village"), ("parent_code", "140830999000")], "parent_code", "不存在"),
        ([("code", "140830100204"), ("name", "太安村"), ("level", "village"), ("parent_code", "140830100000")], "code", "已存在"),
        ([("code", "1408301002"), ("name", "某村"), ("level", "village"), ("parent_code", "140830100000")], "code", "12位数字"),
        ([("code", "140830101299"), ("name", "某村"), ("level", "village"), ("parent_code", "140830100000")], "code", "不属于上级区划"),
        ([("code", "140830100299"), ("name", "某村"), ("level", "village"), ("parent_code", "140830100000"), ("area_km2", "-1")], "area_km2", "不能为负数"),
    ] as [([(String, String)], String, String)])
    func badDivision(fields: [(String, String)], field: String, message: String) async throws {
        try await TestApp.run { app in
            let before = try await Division.query(on: app.db).count()
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.POST, "/divisions", headers: admin.formHeaders, body: admin.form(fields)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains(message))
                #expect(res.text.contains("href=\"#\(field)\""))
            }
            let counted = try await Division.query(on: app.db).count()
            #expect(counted == before)
        }
    }
}
