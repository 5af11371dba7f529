/// A choice list in groups, as a `<select>` shows it with `<optgroup>`: a few loose choices first, then one group per
/// township (or major occupation group, or city) with its members. A list of 160 villages is read by township, and a
/// village name that repeats across townships (新村村委会 three times in 芮城县) is told apart by the group it is in.
public struct GroupedChoices: Sendable, Equatable {
    public struct Choice: Sendable, Equatable, Hashable {
        public let value: String
        public let label: String

        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    public struct Group: Sendable, Equatable {
        /// What the group stands for (a township's division code, a major group's code), so a group can be found
        /// by its key when no member carries it (a residence list offers villages, not their township).
        public let key: String
        public let label: String
        public let choices: [Choice]

        public init(key: String, label: String, choices: [Choice]) {
            self.key = key
            self.label = label
            self.choices = choices
        }
    }

    /// Shown before the groups, in no group (the county itself).
    public let loose: [Choice]
    public let groups: [Group]

    public init(loose: [Choice] = [], groups: [Group]) {
        self.loose = loose
        self.groups = groups
    }

    /// `elements` as choices, grouped in the order their groups first appear; those `group` gives no group to come
    /// first, loose (a county's departments before its points by township).
    public static func grouping<Element>(
        _ elements: [Element], group: (Element) -> (key: String, label: String)?, choice: (Element) -> Choice
    ) -> GroupedChoices {
        var loose: [Choice] = []
        var order: [(key: String, label: String)] = []
        var members: [String: [Choice]] = [:]
        for element in elements {
            guard let home = group(element) else {
                loose.append(choice(element))
                continue
            }
            if members[home.key] == nil { order.append(home) }
            members[home.key, default: []].append(choice(element))
        }
        return GroupedChoices(loose: loose, groups: order.map { Group(key: $0.key, label: $0.label, choices: members[$0.key] ?? []) })
    }

    /// Every choice, in the order shown.
    public var all: [Choice] { loose + groups.flatMap(\.choices) }

    /// The values a submitted form may carry.
    public var values: Set<String> { Set(all.map(\.value)) }

    public func contains(_ value: String) -> Bool { all.contains { $0.value == value } }

    /// A choice as a sentence names it outside its list: with its group (`古魏镇 › 新村村委会`).
    public func label(of value: String) -> String? {
        if let choice = loose.first(where: { $0.value == value }) { return choice.label }
        for group in groups {
            if let choice = group.choices.first(where: { $0.value == value }) { return group.label + " › " + choice.label }
        }
        return nil
    }

    /// The same groups with the one keyed `key` first (a township operator's own township), the rest in their order.
    public func leading(_ key: String?) -> GroupedChoices {
        guard let key, let index = groups.firstIndex(where: { $0.key == key }), index > 0 else { return self }
        var reordered = groups
        reordered.insert(reordered.remove(at: index), at: 0)
        return GroupedChoices(loose: loose, groups: reordered)
    }

    /// Labels that repeat inside one list take their value in brackets, so no two lines of a group read the same; a
    /// label repeated in another group is left alone, its group tells it apart.
    public static func distinct(_ choices: [Choice]) -> [Choice] {
        var counts: [String: Int] = [:]
        for choice in choices { counts[choice.label, default: 0] += 1 }
        return choices.map { counts[$0.label, default: 0] > 1 ? Choice(value: $0.value, label: "\($0.label)（\($0.value)）") : $0 }
    }
}
