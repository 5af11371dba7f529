import JiujinbanRules
import Testing

@Suite("职业选择: the classification grouped major › medium")
struct OccupationChooserTests {
    @Test("the 2022 edition: eight groups, each led by its major group, its medium groups in number order")
    func edition2022() throws {
        let choices = OccupationChooser.grouped(Occupation.edition2022.reversed())
        #expect(choices.loose.isEmpty)
        #expect(choices.groups.count == 8 && choices.all.count == 87)
        #expect(choices.values == Set(Occupation.edition2022.map(\.code)))
        let fourth = try #require(choices.groups.first { $0.key == "4" })
        #expect(fourth.label == "4 社会生产服务和生活服务人员")
        #expect(fourth.choices.prefix(3).map(\.label) == ["4 社会生产服务和生活服务人员（整个大类）", "4-01 批发与零售服务人员",
                                                          "4-02 交通运输、仓储物流和邮政业服务人员"])
        #expect(fourth.choices.map(\.value).suffix(3) == ["4-13", "4-14", "4-99"])
        #expect(choices.groups.map(\.key) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        #expect(choices.label(of: "6-29") == "6 生产制造及有关人员 › 6-29 建筑施工人员")
    }

    @Test("a medium group whose major group is not loaded still gets a group, named by its number")
    func missingMajor() {
        let choices = OccupationChooser.grouped([Occupation(code: "9-01", name: "试验人员")])
        #expect(choices.groups == [GroupedChoices.Group(key: "9", label: "9", choices: [.init(value: "9-01", label: "9-01 试验人员")])])
    }
}
