/// 职业选择: the classification as a form offers it — one group per major group (大类), its medium groups (中类)
/// beneath it, instead of one list of 87 lines. The major group itself stays a choice, first in its group: a job
/// seeker may want any work of a major group.
public enum OccupationChooser {
    public static func grouped(_ occupations: [Occupation]) -> GroupedChoices {
        let majors = Dictionary(occupations.filter { !$0.code.contains("-") }.map { ($0.code, $0.name) },
                                uniquingKeysWith: { first, _ in first })
        var keys: [String] = []
        var members: [String: [GroupedChoices.Choice]] = [:]
        for occupation in occupations.sorted(by: { order($0.code) < order($1.code) }) {
            let major = occupation.major
            if members[major] == nil { keys.append(major) }
            let label = occupation.code.contains("-") ? "\(occupation.code) \(occupation.name)" : "\(occupation.code) \(occupation.name)（整个大类）"
            members[major, default: []].append(GroupedChoices.Choice(value: occupation.code, label: label))
        }
        return GroupedChoices(groups: keys.map { key in
            GroupedChoices.Group(key: key, label: majors[key].map { "\(key) \($0)" } ?? key,
                                 choices: GroupedChoices.distinct(members[key] ?? []))
        })
    }

    /// Major group first, then its medium groups by number (`4` < `4-01` < `4-10`).
    private static func order(_ code: String) -> (String, Int, String) {
        (Occupation.major(of: code), code.contains("-") ? 1 : 0, code)
    }
}
