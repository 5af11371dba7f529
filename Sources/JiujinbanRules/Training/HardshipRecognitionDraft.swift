/// 就业困难人员认定 as a county reviewer records it: the category in the county's own words (free text, as the
/// county's document names it: the platform keeps no list of categories) and the date of recognition, which may not
/// be in the future. Ending one needs a reason. Every problem is named by its field.
public struct HardshipRecognitionDraft: Sendable, Equatable {
    public let category: String
    public let recognisedOn: CalendarDate

    public static let categoryMaxLength = 50
    public static let endReasonMaxLength = 100

    public static func parse(category rawCategory: String?, recognisedOn rawDate: String?, today: CalendarDate)
        -> Result<HardshipRecognitionDraft, FieldErrors> {
        var errors = FieldErrors()
        let category = TextField.required(rawCategory, field: "category", label: "认定类别", maxLength: categoryMaxLength, into: &errors)
        let dateText = (rawDate ?? "").trimmingCharacters(in: .whitespaces)
        let date = CalendarDate(iso: dateText)
        if dateText.isEmpty {
            errors.add("recognised_on", "请填写认定日期")
        } else if date == nil {
            errors.add("recognised_on", "认定日期：格式应为YYYY-MM-DD，收到“\(dateText)”")
        } else if let date, today < date {
            errors.add("recognised_on", "认定日期\(date.iso)晚于今天，不能预先登记")
        }
        guard errors.isEmpty, let date else { return .failure(errors) }
        return .success(HardshipRecognitionDraft(category: category, recognisedOn: date))
    }

    /// The reason a recognition ends (就业、死亡、迁出等, in the reviewer's words).
    public static func endReason(_ raw: String?) -> Result<String, FieldErrors> {
        var errors = FieldErrors()
        let reason = TextField.required(raw, field: "end_reason", label: "终止原因", maxLength: endReasonMaxLength, into: &errors)
        return errors.isEmpty ? .success(reason) : .failure(errors)
    }
}
