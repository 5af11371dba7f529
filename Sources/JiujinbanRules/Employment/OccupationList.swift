/// A classification file as the province loads it: one `code,name` per line (a header line `code,name` or
/// `代码,名称` is allowed, blank lines are skipped). Every problem is reported with its line number.
public enum OccupationList {
    /// Every bad line of a file, by number.
    public struct Problems: Error, Equatable, Sendable {
        public let lines: [String]
    }

    public static func parse(_ text: String, majors: Set<String>) -> Result<[Occupation], Problems> {
        var problems: [String] = []
        var seen: Set<String> = []
        var occupations: [Occupation] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{FEFF}", with: "")
            let number = offset + 1
            if line.isEmpty { continue }
            let parts = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if offset == 0, ["code", "代码"].contains(parts.first ?? "") { continue }
            guard parts.count == 2, !parts[1].isEmpty else {
                problems.append("第\(number)行：应为“代码,名称”")
                continue
            }
            let code = parts[0], name = TextField.clean(parts[1])
            if !Occupation.isWellFormed(code) || !code.contains("-") {
                problems.append("第\(number)行：职业代码“\(code)”应为中类代码，如4-03")
            } else if !majors.contains(Occupation.major(of: code)) {
                problems.append("第\(number)行：大类“\(Occupation.major(of: code))”不存在")
            } else if seen.contains(code) {
                problems.append("第\(number)行：职业代码“\(code)”重复")
            } else if name.count > 60 {
                problems.append("第\(number)行：名称不能超过60个字")
            } else {
                seen.insert(code)
                occupations.append(Occupation(code: code, name: name))
            }
        }
        if problems.isEmpty && occupations.isEmpty { problems.append("文件中没有职业分类") }
        return problems.isEmpty ? .success(occupations) : .failure(Problems(lines: problems))
    }
}
