import Foundation

/// What an administrator typed into the division form.
public struct DivisionForm: Sendable, Equatable, Codable {
    public var code: String?
    public var name: String?
    public var level: String?
    public var parentCode: String?
    /// 地域面积（平方公里）
    public var areaKm2: String?
    /// 常住人口（万人）
    public var populationWan: String?

    public init(code: String? = nil, name: String? = nil, level: String? = nil, parentCode: String? = nil,
                areaKm2: String? = nil, populationWan: String? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.areaKm2 = areaKm2
        self.populationWan = populationWan
    }
}

/// A division's facts after validation.
public struct DivisionDraft: Sendable, Equatable {
    public let code: DivisionCode
    public let name: String
    public let level: DivisionLevel
    /// Always set: a division added from the web sits under an existing one.
    public let parentCode: DivisionCode
    /// Land area in hundredths of a square kilometre (117555 = 1175.55 km²).
    public let areaCentiKm2: Int?
    /// Resident population in persons (attachment 2 shows it in 万人).
    public let population: Int?

    /// Validates a division added from the web form by an account working in `scope` (issue 19, finding 1).
    ///
    /// Authority is checked first, from the typed codes alone, before anything is looked up: the web never creates a
    /// root (a province or any division without a parent: roots come only from `jiujinban divisions import`), and
    /// the parent must lie in the account's own subtree (a county's system admin adds only under its county, the
    /// province's only inside its province). Such a refusal says nothing about divisions outside the scope. Then
    /// the facts: the parent exists, the level is the child level of the parent's, and the code is a child code of
    /// the parent's. `existingLevel` answers the level of an existing division, or nil when there is none.
    public static func validate(
        _ form: DivisionForm, scope: DataScope, existingLevel: (DivisionCode) -> DivisionLevel?
    ) -> Result<DivisionDraft, DivisionRefusal> {
        let authority = placementRefusals(form, scope: scope)
        guard authority.isEmpty else { return .failure(.outOfScope(authority)) }

        var errors = FieldErrors()
        let level = DivisionLevel(rawValue: form.level ?? "")
        if level == nil { errors.add("level", "请选择区划层级") }

        var code: DivisionCode?
        do {
            let parsed = try DivisionCode(TextField.clean(form.code))
            if existingLevel(parsed) != nil {
                errors.add("code", "区划代码 \(parsed.value) 已存在，不能重复添加")
            } else if let level, !parsed.admits(level) {
                errors.add("code", "区划代码 \(parsed.value) 与层级“\(level.label)”不符")
            } else {
                code = parsed
            }
        } catch {
            errors.add("code", error.message)
        }

        let parent = validateParent(form.parentCode, code: code, level: level, existingLevel: existingLevel, into: &errors)
        let name = TextField.required(form.name, field: "name", label: "区划名称", maxLength: 40, into: &errors)
        let area = figure(form.areaKm2, field: "area_km2", label: "地域面积（平方公里）", fractionDigits: 2, into: &errors)
        let populationTenThousandths = figure(
            form.populationWan, field: "population_wan", label: "常住人口（万人）", fractionDigits: 4, into: &errors)

        guard errors.isEmpty, let code, let level, let parent else { return .failure(.invalid(errors)) }
        return .success(DivisionDraft(
            code: code, name: name, level: level, parentCode: parent,
            areaCentiKm2: area, population: populationTenThousandths))
    }

    /// What the account may not do at all, whatever else it typed: each problem names its field.
    static func placementRefusals(_ form: DivisionForm, scope: DataScope) -> FieldErrors {
        var errors = FieldErrors()
        if form.level == DivisionLevel.province.rawValue {
            errors.add("level", "网页上不能新增省级区划；省级区划只能由 jiujinban divisions import 导入")
        }
        let parentText = TextField.clean(form.parentCode)
        if parentText.isEmpty {
            errors.add("parent_code", "请选择上级区划：网页上不能新增没有上级的区划")
        } else if let parent = try? DivisionCode(parentText), !scope.covers(divisionCode: parent) {
            errors.add("parent_code", "上级区划 \(parent.value) 不在您的管辖范围内，只能在本级区划之下新增")
        }
        return errors
    }

    static func validateParent(
        _ raw: String?, code: DivisionCode?, level: DivisionLevel?, existingLevel: (DivisionCode) -> DivisionLevel?,
        into errors: inout FieldErrors
    ) -> DivisionCode? {
        let text = TextField.clean(raw)
        guard let parent = try? DivisionCode(text) else {
            errors.add("parent_code", "上级区划代码应为12位数字")
            return nil
        }
        guard let parentLevel = existingLevel(parent) else {
            errors.add("parent_code", "上级区划 \(parent.value) 不存在")
            return nil
        }
        guard let level else { return parent }
        if level.parentLevel != parentLevel {
            let expected = level.parentLevel.map { "应为\($0.label)" } ?? "不存在"
            errors.add("parent_code", "\(level.label)的上级\(expected)，所选区划是\(parentLevel.label)")
        } else if let code, code.parent != parent {
            errors.add("code", "区划代码 \(code.value) 不属于上级区划 \(parent.value)")
        }
        return parent
    }

    /// Optional non-negative decimal figure. Population is typed in 万人 with up to 4 decimals, which is whole persons.
    static func figure(_ raw: String?, field: String, label: String, fractionDigits: Int, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else { return nil }
        switch FixedPoint.parse(text, fractionDigits: fractionDigits) {
        case .success(let value): return value
        case .failure(.negative): errors.add(field, "\(label)不能为负数")
        case .failure(.tooManyDecimals(let n)): errors.add(field, "\(label)最多保留\(n)位小数")
        case .failure(.unreadable): errors.add(field, "\(label)应为数字")
        }
        return nil
    }
}

/// Why a division form was refused: out of the account's authority (403, nothing looked up) or bad input (422).
public enum DivisionRefusal: Error, Sendable, Equatable {
    case outOfScope(FieldErrors)
    case invalid(FieldErrors)

    public var errors: FieldErrors {
        switch self {
        case .outOfScope(let errors), .invalid(let errors): errors
        }
    }
}
