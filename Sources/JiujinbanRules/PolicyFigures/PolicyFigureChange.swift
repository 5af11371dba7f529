import Foundation

/// The three changes an administrator makes, checked before anything is stored: a successor (a new value from a
/// date, which ends the latest row the day before), the confirmation of a 待核实 row with its document, and the
/// correction of a 待核实 row whose value is wrong (更正并确认), wherever it sits in the figure's history.
public enum PolicyFigureChange {
    /// What a successor writes: the new row's content, and the row it ends with its new last day.
    public struct Successor: Sendable, Equatable {
        public let key: PolicyFigureKey
        public let county: DivisionCode?
        public let validFrom: CalendarDate
        public let value: PolicyFigureValue
        public let source: String
        public let ends: (rowID: UUID, lastDay: CalendarDate)?

        public static func == (lhs: Successor, rhs: Successor) -> Bool {
            lhs.key == rhs.key && lhs.county == rhs.county && lhs.validFrom == rhs.validFrom && lhs.value == rhs.value
                && lhs.source == rhs.source && lhs.ends?.rowID == rhs.ends?.rowID && lhs.ends?.lastDay == rhs.ends?.lastDay
        }
    }

    /// Checks a successor typed into the form (`valid_from`, `value`, `source`) against the latest row of the key
    /// for the province or county. Every problem is named by its field.
    public static func successor(
        key: PolicyFigureKey, county: DivisionCode?, in book: PolicyFigureBook,
        validFrom rawDate: String, value rawValue: String, source rawSource: String
    ) -> Result<Successor, FieldErrors> {
        var errors = FieldErrors()
        let latest = book.latest(key, county: county)
        let validFrom = CalendarDate(iso: rawDate.trimmingCharacters(in: .whitespaces))
        if validFrom == nil {
            errors.add("valid_from", "生效日期格式应为YYYY-MM-DD，收到“\(rawDate)”")
        } else if let validFrom, let latest, validFrom <= latest.validFrom {
            errors.add("valid_from", "生效日期应晚于现行值的生效日期\(latest.validFrom.iso)（现行值不能改写，只能由新值接续）")
        }
        var value: PolicyFigureValue?
        switch PolicyFigureValue.parse(rawValue, kind: key.definition.kind) {
        case .success(let parsed): value = parsed
        case .failure(let problem): errors.add("value", "数值：" + problem.message)
        }
        let source = document(rawSource, field: "source", missing: "请填写文件名称及文号", errors: &errors)
        guard errors.isEmpty, let validFrom, let value else { return .failure(errors) }
        return .success(Successor(key: key, county: county, validFrom: validFrom, value: value, source: source,
                                  ends: latest.map { (rowID: $0.id, lastDay: validFrom.adding(days: -1)) }))
    }

    /// What a confirmation writes: the document, and the value when the row had none.
    public struct Confirmation: Sendable, Equatable {
        public let rowID: UUID
        public let source: String
        public let value: PolicyFigureValue
    }

    /// Checks the confirmation of a 待核实 row: its document is required; a row seeded without a value needs one
    /// (a row with a value is confirmed as it stands: a value a computation may have used is not rewritten).
    public static func confirmation(of row: PolicyFigureRow, source rawSource: String, value rawValue: String) -> Result<Confirmation, FieldErrors> {
        var errors = FieldErrors()
        if row.isSuperseded {
            errors.add("confirm_source", "该取值已更正，不能再确认：请查看更正后的取值")
        } else if row.status == .confirmed {
            errors.add("confirm_source", "该参数已确认，无需再次确认")
        }
        let source = document(rawSource, field: "confirm_source", missing: "确认参数须填写文件名称及文号", errors: &errors)
        var value = row.value
        if value == nil {
            switch PolicyFigureValue.parse(rawValue, kind: row.key.definition.kind) {
            case .success(let parsed): value = parsed
            case .failure(let problem): errors.add("confirm_value", "数值：" + problem.message)
            }
        }
        guard errors.isEmpty, let value else { return .failure(errors) }
        return .success(Confirmation(rowID: row.id, source: source, value: value))
    }

    /// What a correction writes: the 待核实 row it replaces (kept as it was, marked 已更正) and the corrected value
    /// with its document, for a new confirmed row with the replaced row's key, county and period.
    public struct Correction: Sendable, Equatable {
        public let replacing: PolicyFigureRow
        public let value: PolicyFigureValue
        public let source: String
    }

    /// Checks the correction of a 待核实 row (`correct_value`, `correct_source`): any such row of the figure, not only
    /// the latest, since its period stays as it was. A confirmed row is refused (it is only ended and succeeded), and
    /// so is a row already corrected, a row with no value (it is confirmed with the value instead) and a value equal
    /// to the one it corrects (that is a confirmation).
    public static func correction(of row: PolicyFigureRow, value rawValue: String, source rawSource: String) -> Result<Correction, FieldErrors> {
        var errors = FieldErrors()
        if row.isSuperseded {
            errors.add("correct_value", "该取值已更正，不能再次更正：请查看更正后的取值")
        } else if row.status == .confirmed {
            errors.add("correct_value", "该参数已确认，不能更正：已确认的取值只能由新值接续（录入新值及生效日期）")
        } else if row.value == nil {
            errors.add("correct_value", "该取值尚无数值，无需更正：请用“依文件确认”填写数值")
        }
        var value: PolicyFigureValue?
        if errors.isEmpty {
            switch PolicyFigureValue.parse(rawValue, kind: row.key.definition.kind) {
            case .success(let parsed) where parsed == row.value:
                errors.add("correct_value", "更正后的数值：与原值\(parsed.display)相同；数值无误时请用“依文件确认”")
            case .success(let parsed): value = parsed
            case .failure(let problem): errors.add("correct_value", "更正后的数值：" + problem.message)
            }
        }
        let source = document(rawSource, field: "correct_source", missing: "更正参数须填写文件名称及文号", errors: &errors)
        guard errors.isEmpty, let value else { return .failure(errors) }
        return .success(Correction(replacing: row, value: value, source: source))
    }
}

extension PolicyFigureChange {
    /// The document a change names (依据文件): required, at most 200 characters; a problem is named by `field`.
    static func document(_ raw: String, field: String, missing: String, errors: inout FieldErrors) -> String {
        let source = TextField.clean(raw)
        if source.isEmpty {
            errors.add(field, "依据文件：" + missing)
        } else if source.count > 200 {
            errors.add(field, "依据文件：不超过200个字")
        }
        return source
    }
}

/// Who reads and who sets which figures. Provincial figures are read by every reader; a county's figures by the
/// users of that county and of the city and province above it. The province's business admins set the provincial
/// figures, a county's business admins that county's, and nobody else sets any.
public enum PolicyFigureAccess {
    public static func mayRead(county: DivisionCode?, from unit: OrgUnit) -> Bool {
        guard let county else { return true }
        let own = unit.divisionCode
        return own.contains(county) || county.contains(own)
    }

    public static func mayChange(_ key: PolicyFigureKey, county: DivisionCode?, by account: StaffAccount) -> Bool {
        guard account.isEffective, account.post == .businessAdmin else { return false }
        switch key.definition.scope {
        case .province:
            return county == nil && account.unit.isProvinceDepartment
        case .county:
            guard let county else { return false }
            return account.unit.isCountyDepartment && account.unit.divisionCode == county
        }
    }
}
