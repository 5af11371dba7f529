import Foundation

/// 地点选择: how a form offers the divisions of a county — grouped township › village, the operator's own township
/// first and their own village or community already chosen on a new form.
public enum PlaceChooser {
    /// A division as a chooser knows it.
    public struct Place: Sendable, Equatable {
        public let code: DivisionCode
        public let name: String
        public let level: DivisionLevel
        /// The line the list shows for it, when it says more than the name (`运城市（全市）`); groups are named by `name`.
        public let label: String

        public init(code: DivisionCode, name: String, level: DivisionLevel, label: String? = nil) {
            self.code = code
            self.name = name
            self.level = level
            self.label = label ?? name
        }
    }

    /// Divisions → groups. Each offered division goes into its parent's group (a village into its township's, a
    /// county into its city's); a division with offered divisions below it leads a group of its own instead, as
    /// its first line (古魏镇 before its communities and villages). A group of that one line only is shown loose
    /// (the county above its townships), as is a division whose parent is not in the list.
    ///
    /// - Parameters:
    ///   - divisions: the divisions to offer, and those above them that name the groups (a residence list offers
    ///     villages and communities; its townships come along to name the groups).
    ///   - levels: the levels offered.
    public static func grouped(_ divisions: [Place], offering levels: Set<DivisionLevel>) -> GroupedChoices {
        let known = Dictionary(divisions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let offered = known.values.filter { levels.contains($0.level) }.sorted { $0.code < $1.code }
        let offeredCodes = Set(offered.map(\.code))
        let heads = Set(offered.compactMap(\.code.parent).filter(offeredCodes.contains))
        var keys: [DivisionCode] = []
        var members: [DivisionCode: [Place]] = [:]
        var loose: [Place] = []
        // Code order puts a head before everything below it, so it is its group's first line.
        for place in offered {
            let key = heads.contains(place.code) ? place.code : place.code.parent.flatMap { known[$0] == nil ? nil : $0 }
            guard let key else { loose.append(place); continue }
            if members[key] == nil { keys.append(key) }
            members[key, default: []].append(place)
        }
        var groups: [(key: DivisionCode, places: [Place])] = []
        for key in keys {
            let places = members[key] ?? []
            if places.count == 1 && places[0].code == key { loose.append(places[0]) } else { groups.append((key, places)) }
        }
        let names = groupLabels(groups.map(\.key), known: known)
        return GroupedChoices(
            loose: GroupedChoices.distinct(loose.sorted { $0.code < $1.code }.map(choice)),
            groups: groups.map { group in
                GroupedChoices.Group(key: group.key.value, label: names[group.key] ?? group.key.value,
                                     choices: GroupedChoices.distinct(group.places.map(choice)))
            })
    }

    /// A group is named by its division; two groups of one name (townships of two counties) by their parents too.
    static func groupLabels(_ keys: [DivisionCode], known: [DivisionCode: Place]) -> [DivisionCode: String] {
        let plain = Dictionary(uniqueKeysWithValues: keys.map { ($0, known[$0]?.name ?? $0.value) })
        var counts: [String: Int] = [:]
        for name in plain.values { counts[name, default: 0] += 1 }
        return plain.reduce(into: [:]) { labels, entry in
            guard counts[entry.value, default: 0] > 1 else { labels[entry.key] = entry.value; return }
            let parent = entry.key.parent.flatMap { known[$0]?.name }
            labels[entry.key] = parent.map { "\($0) › \(entry.value)" } ?? "\(entry.value)（\(entry.key.value)）"
        }
    }

    private static func choice(_ place: Place) -> GroupedChoices.Choice {
        GroupedChoices.Choice(value: place.code.value, label: place.label)
    }

    /// The list as `operatorDivision`'s user sees it: the group nearest to their own division first (a village's or
    /// a township point's township, a county department's county when the county leads a group).
    public static func arranged(_ choices: GroupedChoices, for operatorDivision: DivisionCode?) -> GroupedChoices {
        guard let operatorDivision else { return choices }
        let own = choices.groups.compactMap { group in (try? DivisionCode(group.key)).flatMap { $0.contains(operatorDivision) ? $0 : nil } }
            .max { $0.depth < $1.depth }
        return choices.leading(own?.value)
    }

    /// The value a place chooser of a new form (or of a stored record) shows. What the field already holds is never
    /// replaced; an empty field takes the operator's own village or community when the list offers it. A township
    /// point, a bank branch on a township or a department has no one village of its own: nothing is chosen for it
    /// (a wrong village chosen for the clerk is worse than none), and `arranged` puts its township's group first.
    ///
    /// A refused form is shown as submitted, an empty choice included: it does not pass through here.
    public static func initial(_ current: String?, operatorDivision: DivisionCode?, offered: GroupedChoices) -> String? {
        if let current, !current.trimmingCharacters(in: .whitespaces).isEmpty { return current }
        guard let operatorDivision, operatorDivision.depth == DivisionLevel.village.depth,
              offered.contains(operatorDivision.value) else { return nil }
        return operatorDivision.value
    }
}
