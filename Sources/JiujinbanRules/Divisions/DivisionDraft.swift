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
    public let parentCode: DivisionCode?
    /// Land area in hundredths of a square kilometre (117555 = 1175.55 km²).
    public let areaCentiKm2: Int?
    /// Resident population in persons (attachment 2 shows it in 万人).
    public let population: Int?

    /// `existingLevel` answers the level of an existing division, or nil when there is none. `isUpdate` skips the
    /// duplicate-code check for the division being edited.
    public static func validate(
        _ form: DivisionForm, isUpdate: Bool = false, existingLevel: (DivisionCode) -> DivisionLevel?
    ) -> Result<DivisionDraft, FieldErrors> {
        var errors = FieldErrors()
        let level = DivisionLevel(rawValue: form.level ?? "")
        if level == nil { errors.add("level", "请选择区划层级") }

        var code: DivisionCode?
        do {
            let parsed = try DivisionCode(TextField.clean(form.code))
            if !isUpdate, existingLevel(parsed) != nil {
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

        guard errors.isEmpty, let code, let level else { return .failure(errors) }
        return .success(DivisionDraft(
            code: code, name: name, level: level, parentCode: parent,
            areaCentiKm2: area, population: populationTenThousandths))
    }

    static func validateParent(
        _ raw: String?, code: DivisionCode?, level: DivisionLevel?, existingLevel: (DivisionCode) -> DivisionLevel?,
        into errors: inout FieldErrors
    ) -> DivisionCode? {
        let text = TextField.clean(raw)
        guard let level else { return nil }
        guard let expectedLevel = level.parentLevel else {
            if !text.isEmpty { errors.add("parent_code", "省级区划没有上级区划") }
            return nil
        }
        guard !text.isEmpty else {
            errors.add("parent_code", "请选择上级区划")
            return nil
        }
        guard let parent = try? DivisionCode(text) else {
            errors.add("parent_code", "上级区划代码应为12位数字")
            return nil
        }
        guard let parentLevel = existingLevel(parent) else {
            errors.add("parent_code", "上级区划 \(parent.value) 不存在")
            return nil
        }
        if parentLevel != expectedLevel {
            errors.add("parent_code", "\(level.label)的上级应为\(expectedLevel.label)，所选区划是\(parentLevel.label)")
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
