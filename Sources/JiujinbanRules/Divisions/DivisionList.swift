/// 统计用区划代码 as a CSV file for `jiujinban divisions import` (issue 19, finding 10): how production gets its
/// divisions, since the web never creates a root.
///
/// The first line names the columns, in any order: `code`, `name`, `level`, `parent_code` are required;
/// `short_name` (default: the name) and `urban_rural_code` (城乡分类代码, villages and communities only) are
/// optional. Any other column is refused, so a misspelt optional column is not silently dropped. Every line is
/// checked against the file and the database together, and every problem is reported with its line number; a
/// file with any problem is refused whole. A division already stored keeps its level and parent (a file that
/// changes either is refused, naming the line); its name, short name and 城乡分类代码 follow the file. An empty
/// optional cell leaves the stored value as it is. Divisions missing from the file are left alone.
public enum DivisionList {
    public static let requiredColumns = ["code", "name", "level", "parent_code"]
    public static let optionalColumns = ["short_name", "urban_rural_code"]
    /// NBS 城乡分类代码: 111 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域, 210 乡中心区, 220 村庄.
    public static let urbanRuralCodes: Set<String> = ["111", "112", "121", "122", "123", "210", "220"]

    /// A division as the file gives it, or as it is stored.
    public struct Entry: Sendable, Equatable {
        public let code: DivisionCode
        public let name: String
        public let shortName: String
        public let level: DivisionLevel
        public let parentCode: DivisionCode?
        public let urbanRuralCode: String?

        public init(code: DivisionCode, name: String, shortName: String, level: DivisionLevel, parentCode: DivisionCode?,
                    urbanRuralCode: String?) {
            self.code = code
            self.name = name
            self.shortName = shortName
            self.level = level
            self.parentCode = parentCode
            self.urbanRuralCode = urbanRuralCode
        }
    }

    /// A stored division whose name, short name or 城乡分类代码 the file changes.
    public struct Change: Sendable, Equatable {
        public let line: Int
        public let before: Entry
        public let after: Entry

        public var renames: Bool { before.name != after.name || before.shortName != after.shortName }
    }

    /// What an import does: `additions` parents first, so every row's parent is stored before it.
    public struct Plan: Sendable, Equatable {
        public let additions: [Entry]
        public let changes: [Change]
        public let unchanged: Int

        public var renamed: Int { changes.filter(\.renames).count }
        public var summary: String {
            "新增 \(additions.count) 个，改名 \(renamed) 个，其他更新 \(changes.count - renamed) 个，未变 \(unchanged) 个"
        }
    }

    public struct Problems: Error, Sendable, Equatable {
        public let lines: [String]
    }

    /// `stored` answers the stored division of a code, or nil.
    public static func plan(_ text: String, stored: (DivisionCode) -> Entry?) -> Result<Plan, Problems> {
        let records: [CSVReader.Record]
        do {
            // A line of nothing but spaces (an editor's leftover) is no record.
            records = try CSVReader.records(of: text).filter { !($0.fields.count == 1 && $0.fields[0].allSatisfy(\.isWhitespace)) }
        } catch {
            return .failure(Problems(lines: [error.message]))
        }
        guard let header = records.first else { return .failure(Problems(lines: ["文件是空的：第一行应为列名（code,name,level,parent_code…）"])) }
        let columns: [String: Int]
        switch readHeader(header) {
        case .success(let found): columns = found
        case .failure(let problems): return .failure(problems)
        }
        var problems: [String] = []
        var rows: [(line: Int, entry: Entry)] = []
        var firstLine: [DivisionCode: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                problems.append("第\(record.line)行：应有\(header.fields.count)列，实有\(record.fields.count)列")
                continue
            }
            switch DivisionListRow.read(record, columns: columns) {
            case .failure(let problem):
                problems.append("第\(record.line)行：\(problem.message)")
            case .success(let entry):
                if let earlier = firstLine[entry.code] {
                    problems.append("第\(record.line)行：区划代码 \(entry.code.value) 与第\(earlier)行重复")
                } else {
                    firstLine[entry.code] = record.line
                    rows.append((record.line, entry))
                }
            }
        }
        if rows.isEmpty && problems.isEmpty { problems.append("文件中没有区划（只有列名一行）") }
        let inFile = Dictionary(uniqueKeysWithValues: rows.map { ($0.entry.code, $0.entry) })
        var additions: [Entry] = [], changes: [Change] = [], unchanged = 0
        for (line, entry) in rows {
            let existing = stored(entry.code)
            if let problem = DivisionListRow.placementProblem(entry, existing: existing, inFile: inFile, stored: stored) {
                problems.append("第\(line)行：\(problem)")
                continue
            }
            guard let existing else {
                additions.append(entry)
                continue
            }
            let merged = Entry(code: entry.code, name: entry.name, shortName: entry.shortName, level: existing.level,
                               parentCode: existing.parentCode,
                               urbanRuralCode: entry.urbanRuralCode ?? existing.urbanRuralCode)
            if merged == existing { unchanged += 1 } else { changes.append(Change(line: line, before: existing, after: merged)) }
        }
        guard problems.isEmpty else { return .failure(Problems(lines: problems)) }
        additions.sort { ($0.level.depth, $0.code) < ($1.level.depth, $1.code) }
        return .success(Plan(additions: additions, changes: changes, unchanged: unchanged))
    }

    /// Column positions by name; a missing required column or an unknown or repeated one refuses the file.
    static func readHeader(_ header: CSVReader.Record) -> Result<[String: Int], Problems> {
        var columns: [String: Int] = [:]
        var problems: [String] = []
        let known = Set(requiredColumns + optionalColumns)
        for (index, raw) in header.fields.enumerated() {
            let name = TextField.clean(raw).lowercased()
            if !known.contains(name) {
                problems.append("第\(header.line)行：未知的列“\(DivisionListRow.shown(name))”"
                    + "（可用的列：\((requiredColumns + optionalColumns).joined(separator: "、"))）")
            } else if columns[name] != nil {
                problems.append("第\(header.line)行：列“\(name)”出现了两次")
            } else {
                columns[name] = index
            }
        }
        let missing = requiredColumns.filter { columns[$0] == nil }
        if !missing.isEmpty { problems.append("第\(header.line)行：缺少必需的列 \(missing.joined(separator: "、"))") }
        return problems.isEmpty ? .success(columns) : .failure(Problems(lines: problems))
    }
}
