import Foundation

/// 停用服务点: taking a point out of service keeps why and since when, so the monthly report and the map can
/// explain a gap instead of silently losing a point.
public struct ServicePointDisabling: Sendable, Equatable {
    public let reason: String
    public let date: CalendarDate

    /// The date may be today or earlier (recording a closure that already happened), never in the future.
    public static func validate(reason rawReason: String?, date rawDate: String?, today: CalendarDate) -> Result<ServicePointDisabling, FieldErrors> {
        var errors = FieldErrors()
        let reason = TextField.required(rawReason, field: "reason", label: "停用原因", maxLength: 100, into: &errors)
        var date: CalendarDate?
        let dateText = TextField.clean(rawDate)
        if dateText.isEmpty {
            date = today
        } else if let parsed = CalendarDate(iso: dateText) {
            if parsed > today {
                errors.add("date", "停用日期不能晚于今天（\(today.iso)）")
            } else {
                date = parsed
            }
        } else {
            errors.add("date", "停用日期应为有效日期，格式如 \(today.iso)")
        }
        guard errors.isEmpty, let date else { return .failure(errors) }
        return .success(ServicePointDisabling(reason: reason, date: date))
    }
}
