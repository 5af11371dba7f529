import Foundation
import JiujinbanRules
import Testing

@Suite("审计日志保存期限 audit retention (S19)")
struct AuditRetentionTests {
    /// 2026-11-25 10:00 in Shanghai.
    let now = Date(timeIntervalSince1970: 1_795_572_000)

    @Test("--keep-days: 184 or more, counted back from now")
    func keepDays() throws {
        let cut = try AuditRetention.cut(.keepDays(184), now: now).get()
        #expect(cut == AuditInstant(now.addingTimeInterval(-184 * 86_400)))
        #expect(try AuditRetention.cut(.keepDays(365), now: now).get() < cut)
        #expect(throws: AuditRetentionError.keepsTooFewDays(183)) { try AuditRetention.cut(.keepDays(183), now: now).get() }
        #expect(throws: AuditRetentionError.keepsTooFewDays(0)) { try AuditRetention.cut(.keepDays(0), now: now).get() }
        #expect(throws: AuditRetentionError.keepsTooFewDays(-5)) { try AuditRetention.cut(.keepDays(-5), now: now).get() }
    }

    @Test("--before: midnight in Beijing of that date, no later than 184 days ago")
    func before() throws {
        // 184 days before 2026-11-25 10:00 is 2026-05-25 10:00: midnight of 05-25 is older, midnight of 05-26 younger.
        let latest = try #require(CalendarDate(year: 2026, month: 5, day: 25))
        let cut = try AuditRetention.cut(.before(latest), now: now).get()
        #expect(cut.rendered(utcOffsetMinutes: 480) == "2026-05-25T00:00:00.000+08:00")
        let tooRecent = try #require(CalendarDate(year: 2026, month: 5, day: 26))
        #expect(throws: AuditRetentionError.cutTooRecent(tooRecent, latestAllowed: latest)) {
            try AuditRetention.cut(.before(tooRecent), now: now).get()
        }
        let message = AuditRetentionError.cutTooRecent(tooRecent, latestAllowed: latest).message
        #expect(message.contains("至少保存184天") && message.contains("2026年5月25日"))
    }
}
