import Foundation
import JiujinbanRules
import Testing

@Suite("DivisionCode: the 12-digit statistical code")
struct DivisionCodeTests {
    @Test("depth, parent and scope prefix follow the code's segments", arguments: [
        ("140000000000", 0, nil, "14"),
        ("140800000000", 1, "140000000000", "1408"),
        ("140830000000", 2, "140800000000", "140830"),
        ("140830101000", 3, "140830000000", "140830101"),
        ("140830101204", 4, "140830101000", "140830101204"),
    ] as [(String, Int, String?, String)])
    func structure(code: String, depth: Int, parent: String?, prefix: String) throws {
        let parsed = try DivisionCode(code)
        #expect(parsed.depth == depth)
        #expect(parsed.parent?.value == parent)
        #expect(parsed.scopePrefix == prefix)
    }

    @Test("malformed codes are refused", arguments: ["", "14083010120", "1408301012040", "14083010120X", "００００００", "000000000000", "140030100000", "140830000204"])
    func malformed(code: String) {
        #expect(throws: DivisionCode.Problem.self) { try DivisionCode(code) }
    }

    @Test("village committees are numbered 200–399 and residents' committees 001–199")
    func villageOrCommunity() throws {
        #expect(try DivisionCode("140830101204").admits(.village))
        #expect(!(try DivisionCode("140830101204").admits(.community)))
        #expect(try DivisionCode("140830100019").admits(.community))
        #expect(!(try DivisionCode("140830100019").admits(.village)))
        #expect(try DivisionCode("140830100000").admits(.township))
        #expect(!(try DivisionCode("140830100000").admits(.county)))
    }

    @Test("a county contains its own villages and not another county's")
    func containment() throws {
        let ruicheng = try DivisionCode("140830000000")
        #expect(ruicheng.contains(try DivisionCode("140830101204")))
        #expect(ruicheng.contains(ruicheng))
        #expect(!ruicheng.contains(try DivisionCode("140831100204")))
        #expect(try DivisionCode.county("140830") == ruicheng)
    }
}

@Suite("DivisionDraft validation")
struct DivisionDraftTests {
    let existing: [String: DivisionLevel] = [
        "140000000000": .province, "140800000000": .city, "140830000000": .county, "140830100000": .township,
        "140830100204": .village,
    ]

    let county = DataScope.subtree(try! DivisionCode("140830000000"))
    let province = DataScope.subtree(try! DivisionCode("140000000000"))

    func validate(_ form: DivisionForm, scope: DataScope? = nil) -> Result<DivisionDraft, FieldErrors> {
        DivisionDraft.validate(form, scope: scope ?? county) { existing[$0.value] }.mapError(\.errors)
    }

    func refusal(_ form: DivisionForm, scope: DataScope) -> DivisionRefusal? {
        if case .failure(let refusal) = DivisionDraft.validate(form, scope: scope, existingLevel: { existing[$0.value] }) {
            return refusal
        }
        return nil
    }

    @Test("a good village with figures in 平方公里 and 万人")
    func good() throws {
        let result = validate(DivisionForm(code: "140830100299", name: " 新村 ", level: "village", parentCode: "140830100000",
                                           areaKm2: "12.5", populationWan: "0.3"))
        let draft = try result.get()
        #expect(draft.name == "新村")
        #expect(draft.areaCentiKm2 == 1250)
        #expect(draft.population == 3000)
    }

    @Test("every problem at once, each naming its field")
    func problems() {
        guard case .failure(let errors) = validate(DivisionForm(code: "140830100204", name: "", level: "village",
                                                                parentCode: "140830000000", areaKm2: "1.234", populationWan: "-2")) else {
            Issue.record("expected failure")
            return
        }
        #expect(Set(errors.fields) == ["code", "parent_code", "name", "area_km2", "population_wan"])
        #expect(errors.message(for: "code")?.contains("已存在") == true)
        #expect(errors.message(for: "parent_code")?.contains("上级应为乡镇（街道）") == true)
        #expect(errors.message(for: "area_km2")?.contains("最多保留2位小数") == true)
    }

    @Test("a township needs an existing county")
    func parents() {
        guard case .failure(let errors) = validate(DivisionForm(code: "140830108000", name: "某镇", level: "township",
                                                                parentCode: "140830999000")) else {
            Issue.record("expected failure")
            return
        }
        #expect(errors.message(for: "parent_code") == "上级区划 140830999000 不存在")
    }

    @Test("no root from the web: a province, or any division without a parent, is out of scope for everyone")
    func noRoot() {
        for scope in [county, province] {
            let provinceForm = DivisionForm(code: "610000000000", name: "陕西省", level: "province")
            guard case .outOfScope(let errors) = refusal(provinceForm, scope: scope) else {
                Issue.record("a province was not refused as out of scope")
                return
            }
            #expect(Set(errors.fields) == ["level", "parent_code"])
            let orphan = DivisionForm(code: "610100000000", name: "西安市", level: "city", parentCode: " ")
            #expect(refusal(orphan, scope: scope)?.errors.fields == ["parent_code"])
        }
        let underProvince = DivisionForm(code: "140000000000", name: "山西省", level: "province", parentCode: "140000000000")
        #expect(refusal(underProvince, scope: province)?.errors.fields == ["level"])
    }

    @Test("the parent must lie in the account's subtree; outside it nothing is looked up")
    func scope() throws {
        let city = DivisionForm(code: "140900000000", name: "忻州市", level: "city", parentCode: "140000000000")
        var asked: [String] = []
        let result = DivisionDraft.validate(city, scope: county) { asked.append($0.value); return existing[$0.value] }
        guard case .failure(.outOfScope(let errors)) = result else {
            Issue.record("expected an out-of-scope refusal")
            return
        }
        #expect(errors.message(for: "parent_code")?.contains("不在您的管辖范围内") == true)
        #expect(asked.isEmpty)
        #expect(try validate(city, scope: province).get().parentCode.value == "140000000000")
        let pointScope = DataScope.servicePoint(UUID(), within: try DivisionCode("140830100000"))
        let village = DivisionForm(code: "140830100299", name: "新村", level: "village", parentCode: "140830100000")
        #expect(refusal(village, scope: pointScope) == .outOfScope(refusal(village, scope: pointScope)!.errors))
        #expect((try? validate(village).get()) != nil)
    }

    @Test("the level is the child level of the parent's and the code a child code of the parent's")
    func childOfParent() {
        let cityUnderCounty = DivisionForm(code: "140830100000", name: "某市", level: "city", parentCode: "140830000000")
        #expect(refusal(cityUnderCounty, scope: county) == .invalid(refusal(cityUnderCounty, scope: county)!.errors))
        #expect(refusal(cityUnderCounty, scope: county)?.errors.message(for: "parent_code") == "市的上级应为省，所选区划是县（市、区）")
        let foreignCode = DivisionForm(code: "140830101299", name: "某村", level: "village", parentCode: "140830100000")
        #expect(refusal(foreignCode, scope: county)?.errors.message(for: "code") == "区划代码 140830101299 不属于上级区划 140830100000")
    }
}
