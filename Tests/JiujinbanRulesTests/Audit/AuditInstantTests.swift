import Foundation
import JiujinbanRules
import Testing

@Suite("审计时间 audit instant")
struct AuditInstantTests {
    @Test("renders with an explicit offset", arguments: [
        (1_795_940_130_123, 0, "2026-11-29T08:15:30.123+00:00"),
        (1_795_940_130_123, 480, "2026-11-29T16:15:30.123+08:00"),
        (1_795_967_999_999, 480, "2026-11-29T23:59:59.999+08:00"),
        (1_795_968_000_000, 480, "2026-11-30T00:00:00.000+08:00"),
        (0, 0, "1970-01-01T00:00:00.000+00:00"),
        (-1, 0, "1969-12-31T23:59:59.999+00:00"),
        (951_782_400_000, -330, "2000-02-28T18:30:00.000-05:30"),
    ] as [(Int64, Int, String)])
    func rendering(milliseconds: Int64, offset: Int, text: String) {
        #expect(AuditInstant(millisecondsSince1970: milliseconds).rendered(utcOffsetMinutes: offset) == text)
    }

    @Test func iso8601IsUTC() {
        #expect(AuditFixture.start.iso8601 == "2026-11-29T08:15:30.123+00:00")
        #expect(AuditFixture.start.description == AuditFixture.start.iso8601)
    }

    @Test func dateRoundTripsToTheMillisecond() {
        let instant = AuditInstant(millisecondsSince1970: 1_795_940_130_123)

        #expect(AuditInstant(instant.date) == instant)
        #expect(AuditInstant(Date(timeIntervalSince1970: 1_795_940_130.123_4)) == instant)
        #expect(AuditInstant(Date(timeIntervalSince1970: 1_795_940_130.122_6)) == instant)
    }
}
