import JiujinbanRules
import Testing

@Suite("地点选择: divisions grouped township › village, the operator's own township first, their village preselected")
struct PlaceChooserTests {
    static func place(_ code: String, _ name: String, _ level: DivisionLevel, label: String? = nil) -> PlaceChooser.Place {
        PlaceChooser.Place(code: try! DivisionCode(code), name: name, level: level, label: label)
    }

    /// Part of 芮城县, out of code order as a query may give it: 新村村委会 and 窑头村委会 in two townships each.
    static let county: [PlaceChooser.Place] = [
        place("140830102204", "窑头村委会", .village),
        place("140830000000", "芮城县", .county),
        place("140830100000", "古魏镇", .township),
        place("140830100215", "新村村委会", .village),
        place("140830100008", "东关社区居委会", .community),
        place("140830100207", "窑头村委会", .village),
        place("140830102000", "陌南镇", .township),
        place("140830102001", "梧桐社区居委会", .community),
        place("140830104000", "永乐镇", .township),
        place("140830104205", "新村村委会", .village),
    ]

    static func lines(_ choices: GroupedChoices) -> [String] {
        choices.loose.map { "\($0.value) \($0.label)" }
            + choices.groups.flatMap { group in ["[\(group.label)]"] + group.choices.map { "  \($0.value) \($0.label)" } }
    }

    @Test("居住地: villages and communities under their townships, communities first, the county and townships not offered")
    func residence() {
        let choices = PlaceChooser.grouped(Self.county, offering: [.village, .community])
        #expect(Self.lines(choices) == [
            "[古魏镇]", "  140830100008 东关社区居委会", "  140830100207 窑头村委会", "  140830100215 新村村委会",
            "[陌南镇]", "  140830102001 梧桐社区居委会", "  140830102204 窑头村委会",
            "[永乐镇]", "  140830104205 新村村委会",
        ])
        #expect(choices.groups.map(\.key) == ["140830100000", "140830102000", "140830104000"])
        #expect(choices.values == ["140830100008", "140830100207", "140830100215", "140830102001", "140830102204", "140830104205"])
        // Two 窑头村委会, each named with its township outside the list.
        #expect(choices.label(of: "140830100207") == "古魏镇 › 窑头村委会")
        #expect(choices.label(of: "140830102204") == "陌南镇 › 窑头村委会")
        #expect(choices.label(of: "140830100000") == nil)
    }

    @Test("户籍所在地 and workplaces: the county loose, each township the first line of its own group")
    func everyLevel() {
        let choices = PlaceChooser.grouped(Self.county, offering: [.county, .township, .village, .community])
        #expect(Self.lines(choices) == [
            "140830000000 芮城县",
            "[古魏镇]", "  140830100000 古魏镇", "  140830100008 东关社区居委会", "  140830100207 窑头村委会", "  140830100215 新村村委会",
            "[陌南镇]", "  140830102000 陌南镇", "  140830102001 梧桐社区居委会", "  140830102204 窑头村委会",
            "[永乐镇]", "  140830104000 永乐镇", "  140830104205 新村村委会",
        ])
        #expect(choices.label(of: "140830000000") == "芮城县")
    }

    @Test("the job seeker's places: the city with its counties, and the own county with its townships")
    func cityAndCounties() {
        let places = [
            Self.place("140800000000", "运城市", .city, label: "运城市（全市）"),
            Self.place("140802000000", "盐湖区", .county, label: "盐湖区（全县）"),
            Self.place("140830000000", "芮城县", .county, label: "芮城县（全县）"),
            Self.place("140830100000", "古魏镇", .township),
            Self.place("140830102000", "陌南镇", .township),
        ]
        let choices = PlaceChooser.grouped(places, offering: [.city, .county, .township])
        #expect(Self.lines(choices) == [
            "[运城市]", "  140800000000 运城市（全市）", "  140802000000 盐湖区（全县）",
            "[芮城县]", "  140830000000 芮城县（全县）", "  140830100000 古魏镇", "  140830102000 陌南镇",
        ])
    }

    @Test("labels are unique within a group; groups of one name in two counties are named by their county")
    func uniqueLabels() {
        let places = [
            Self.place("140830000000", "芮城县", .county), Self.place("140829000000", "平陆县", .county),
            Self.place("140830100000", "城关镇", .township), Self.place("140829100000", "城关镇", .township),
            Self.place("140830100201", "东村村委会", .village), Self.place("140830100202", "东村村委会", .village),
            Self.place("140829100201", "东村村委会", .village),
        ]
        let choices = PlaceChooser.grouped(places, offering: [.village])
        #expect(Self.lines(choices) == [
            "[平陆县 › 城关镇]", "  140829100201 东村村委会",
            "[芮城县 › 城关镇]", "  140830100201 东村村委会（140830100201）", "  140830100202 东村村委会（140830100202）",
        ])
        for group in choices.groups { #expect(Set(group.choices.map(\.label)).count == group.choices.count) }
        // Without the counties to name them, the code tells the two groups apart.
        let bare = PlaceChooser.grouped(places.filter { $0.level != .county }, offering: [.village])
        #expect(bare.groups.map(\.label) == ["城关镇（140829100000）", "城关镇（140830100000）"])
    }

    @Test("a village whose township is missing from the list is offered loose, not dropped")
    func orphan() {
        let choices = PlaceChooser.grouped([Self.place("140830100215", "新村村委会", .village)], offering: [.village])
        #expect(Self.lines(choices) == ["140830100215 新村村委会"])
    }

    @Test("the operator's own township's group comes first; a county department keeps the code order")
    func arranged() throws {
        let choices = PlaceChooser.grouped(Self.county, offering: [.village, .community])
        let village = try DivisionCode("140830104205"), township = try DivisionCode("140830102000")
        #expect(PlaceChooser.arranged(choices, for: village).groups.map(\.label) == ["永乐镇", "古魏镇", "陌南镇"])
        #expect(PlaceChooser.arranged(choices, for: township).groups.map(\.label) == ["陌南镇", "古魏镇", "永乐镇"])
        #expect(PlaceChooser.arranged(choices, for: try DivisionCode("140830000000")) == choices)
        #expect(PlaceChooser.arranged(choices, for: nil) == choices)
        // Reordering keeps every choice.
        #expect(PlaceChooser.arranged(choices, for: village).values == choices.values)
    }

    @Test("a new form takes the operator's own village or community; a township point and a department get none; a value held is kept")
    func initial() throws {
        let choices = PlaceChooser.grouped(Self.county, offering: [.village, .community])
        let village = try DivisionCode("140830100215"), community = try DivisionCode("140830102001")
        #expect(PlaceChooser.initial(nil, operatorDivision: village, offered: choices) == "140830100215")
        #expect(PlaceChooser.initial(" ", operatorDivision: community, offered: choices) == "140830102001")
        #expect(PlaceChooser.initial(nil, operatorDivision: try DivisionCode("140830102000"), offered: choices) == nil)
        #expect(PlaceChooser.initial(nil, operatorDivision: try DivisionCode("140830000000"), offered: choices) == nil)
        #expect(PlaceChooser.initial(nil, operatorDivision: nil, offered: choices) == nil)
        // Never over a value the form holds, even one the list no longer offers (the refusal names it).
        #expect(PlaceChooser.initial("140830102204", operatorDivision: village, offered: choices) == "140830102204")
        #expect(PlaceChooser.initial("140830999201", operatorDivision: village, offered: choices) == "140830999201")
        // A village the list does not offer (another county's) is not chosen.
        #expect(PlaceChooser.initial(nil, operatorDivision: try DivisionCode("140829100201"), offered: choices) == nil)
    }

    @Test("grouping: groups in the order they first appear, members in order, the ungrouped loose and first")
    func grouping() {
        let units = [("古魏镇", "太安村"), (nil, "芮城县人社局"), ("风陵渡镇", "凤凰社区"), ("古魏镇", "令花村")]
        let choices = GroupedChoices.grouping(units, group: { unit in unit.0.map { ($0, $0 + " 服务点") } },
                                              choice: { GroupedChoices.Choice(value: $0.1, label: $0.1) })
        #expect(choices.loose.map(\.label) == ["芮城县人社局"])
        #expect(choices.groups.map(\.label) == ["古魏镇 服务点", "风陵渡镇 服务点"])
        #expect(choices.groups.first?.choices.map(\.label) == ["太安村", "令花村"])
        #expect(choices.label(of: "令花村") == "古魏镇 服务点 › 令花村")
    }
}

