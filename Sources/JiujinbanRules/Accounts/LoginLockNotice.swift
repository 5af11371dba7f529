import Foundation

/// What a person is told while their sign-in is locked (S04): until when, in Beijing time.
public enum LoginLockNotice {
    /// `登录失败次数过多，登录已锁定至 10:42（北京时间），届时可重新扫码登录`; the date is added when the lock ends on
    /// another day than `now` (a lock that crosses midnight).
    public static func message(lockedUntil: Date, now: Date) -> String {
        "登录失败次数过多，登录已锁定至 \(shownTime(lockedUntil, now: now))（北京时间），届时可重新扫码登录"
    }

    /// `10:42` or `11月26日 00:12`. Rounded up to the minute, so that trying again at the time shown always works.
    static func shownTime(_ instant: Date, now: Date) -> String {
        let minute = Date(timeIntervalSince1970: (instant.timeIntervalSince1970 / 60).rounded(.up) * 60)
        // Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
        let local = Int64(minute.timeIntervalSince1970) + 8 * 3_600
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        let clock = String(format: "%02d:%02d", secondsOfDay / 3_600, secondsOfDay % 3_600 / 60)
        let day = CalendarDate(minute)
        return day == CalendarDate(now) ? clock : "\(day.month)月\(day.day)日 \(clock)"
    }
}
