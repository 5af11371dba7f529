/// One line of a division list: what it says by itself, and whether it fits the file and the database.
enum DivisionListRow {
    struct Problem: Error {
        let message: String
    }

    /// Reads a line by itself; every problem of the line in one message.
    static func read(_ record: CSVReader.Record, columns: [String: Int]) -> Result<DivisionList.Entry, Problem> {
        func cell(_ name: String) -> String? { columns[name].map { record.fields[$0] } }
        var messages: [String] = []

        let codeText = TextField.clean(cell("code"))
        var code: DivisionCode?
        do { code = try DivisionCode(codeText) } catch {
            messages.append("区划代码“\(shown(codeText))”有误：\(error.message)")
        }
        let levelText = TextField.clean(cell("level"))
        let level = DivisionLevel(rawValue: levelText)
        if level == nil {
            messages.append("层级“\(shown(levelText))”未知，应为 "
                + DivisionLevel.allCases.map(\.rawValue).joined(separator: "、") + " 之一")
        }
        if let code, let level, !code.admits(level) {
            messages.append("区划代码 \(code.value) 与层级“\(level.label)”不符（村200–399、社区001–199）")
        }

        var fieldErrors = FieldErrors()
        let name = TextField.required(cell("name"), field: "name", label: "名称", maxLength: 40, into: &fieldErrors)
        let shortName = TextField.optional(cell("short_name"), field: "short_name", label: "简称", maxLength: 40,
                                           into: &fieldErrors) ?? name
        messages += fieldErrors.problems.map(\.message)

        let parentText = TextField.clean(cell("parent_code"))
        var parent: DivisionCode?
        if level == .province || code?.depth == 0 {
            if !parentText.isEmpty { messages.append("省级区划不能有上级区划（parent_code 应为空）") }
        } else if parentText.isEmpty {
            messages.append("缺少上级区划代码 parent_code")
        } else {
            do {
                let parsed = try DivisionCode(parentText)
                if let code, code.parent != parsed {
                    messages.append("区划代码 \(code.value) 不属于上级区划 \(parsed.value)")
                }
                parent = parsed
            } catch {
                messages.append("上级区划代码“\(shown(parentText))”有误：\(error.message)")
            }
        }

        let urbanRural = TextField.clean(cell("urban_rural_code"))
        if !urbanRural.isEmpty {
            if !DivisionList.urbanRuralCodes.contains(urbanRural) {
                messages.append("城乡分类代码“\(shown(urbanRural))”未知，应为 "
                    + DivisionList.urbanRuralCodes.sorted().joined(separator: "、") + " 之一")
            } else if let level, level != .village, level != .community {
                messages.append("城乡分类代码只用于行政村和社区")
            }
        }

        guard messages.isEmpty, let code, let level else { return .failure(Problem(message: messages.joined(separator: "；"))) }
        return .success(DivisionList.Entry(code: code, name: name, shortName: shortName, level: level, parentCode: parent,
                                           urbanRuralCode: urbanRural.isEmpty ? nil : urbanRural))
    }

    /// A cell quoted back in a message: cleaned of invisible characters and cut short, never masked (the operator
    /// must recognise the code they typed).
    static func shown(_ text: String) -> String {
        let clean = TextField.clean(text)
        return clean.count > 20 ? String(clean.prefix(20)) + "…" : clean
    }

    /// Whether a well-formed line fits what is stored and the rest of the file: a stored division keeps its level
    /// and parent, and the parent is in the file or stored, one level up.
    static func placementProblem(
        _ entry: DivisionList.Entry, existing: DivisionList.Entry?, inFile: [DivisionCode: DivisionList.Entry],
        stored: (DivisionCode) -> DivisionList.Entry?
    ) -> String? {
        if let existing {
            if existing.level != entry.level {
                return "区划代码 \(entry.code.value) 在系统中是“\(existing.level.label)”，文件中是“\(entry.level.label)”：导入不能改变层级"
            }
            if existing.parentCode != entry.parentCode {
                return "区划代码 \(entry.code.value) 在系统中的上级区划是 \(existing.parentCode?.value ?? "（无）")，"
                    + "文件中是 \(entry.parentCode?.value ?? "（无）")：导入不能改变上级区划"
            }
        }
        guard let parentCode = entry.parentCode else { return nil }
        // The stored level wins: a file that gives the parent another level is refused on the parent's own line.
        guard let parent = stored(parentCode) ?? inFile[parentCode] else {
            return "上级区划 \(parentCode.value) 既不在系统中，文件中也没有这一区划的有效行"
        }
        if let expected = entry.level.parentLevel, parent.level != expected {
            return "\(entry.level.label)的上级应为\(expected.label)，上级区划 \(parentCode.value) 是\(parent.level.label)"
        }
        return nil
    }
}
