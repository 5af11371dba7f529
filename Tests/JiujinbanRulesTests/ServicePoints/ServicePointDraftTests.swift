import JiujinbanRules
import Testing

@Suite("ServicePointDraft validation")
struct ServicePointDraftTests {
    let levels: [String: DivisionLevel] = ["140830100000": .township, "140830100204": .village, "140830100019": .community]

    var good: ServicePointForm {
        ServicePointForm(divisionCode: "140830100204", kind: "village", name: "太安村服务点", institution: "太安村党群服务中心",
                         address: "芮城县古魏镇太安村", longitude: "110.70", latitude: "34.70", farthestKm: "1.25")
    }

    func validate(_ form: ServicePointForm) -> Result<ServicePointDraft, FieldErrors> {
        ServicePointDraft.validate(form) { levels[$0.value] }
    }

    @Test("good input becomes a draft in metres and decimal degrees")
    func goodInput() throws {
        let draft = try validate(good).get()
        #expect(draft.farthestResidenceMeters == 1250)
        #expect(draft.coordinate.longitude == 110.70)
        #expect(draft.kind == .village)
    }

    @Test("a kind must fit its division's level")
    func kindFitsLevel() {
        var form = good
        form.kind = "community"
        guard case .failure(let errors) = validate(form) else { Issue.record("expected failure"); return }
        #expect(errors.message(for: "kind") == "社区服务点不能设在行政村一级")
        form.kind = "bank_branch"
        #expect((try? validate(form).get()) != nil)
    }

    @Test("rare characters count as one; control and bidi characters are refused")
    func characters() {
        var form = good
        form.name = String(repeating: "𠀀", count: 50)
        #expect((try? validate(form).get()) != nil)
        form.name = "太安\u{202E}村"
        guard case .failure(let errors) = validate(form) else { Issue.record("expected failure"); return }
        #expect(errors.message(for: "name")?.contains("控制字符") == true)
    }

    @Test("distance: metres precision, never negative, at most 200 km", arguments: [
        ("0", 0), ("3", 3000), ("0.001", 1), ("200", 200_000), ("１.５", 1500),
    ] as [(String, Int)])
    func distances(text: String, meters: Int) throws {
        var form = good
        form.farthestKm = text
        #expect(try validate(form).get().farthestResidenceMeters == meters)
    }

    @Test("bad distances", arguments: ["-1", "200.001", "1.0005", "3km", ""])
    func badDistances(text: String) {
        var form = good
        form.farthestKm = text
        guard case .failure(let errors) = validate(form) else { Issue.record("expected failure"); return }
        #expect(errors.fields == ["farthest_km"])
    }
}

@Suite("Disabling a service point")
struct ServicePointDisablingTests {
    let today = CalendarDate(year: 2026, month: 11, day: 25)!

    @Test("an empty date means today; a past date is kept")
    func dates() throws {
        #expect(try ServicePointDisabling.validate(reason: "搬迁", date: "", today: today).get().date == today)
        #expect(try ServicePointDisabling.validate(reason: "搬迁", date: "2026-02-28", today: today).get().date.iso == "2026-02-28")
    }

    @Test("no reason, a future date or an impossible date are refused", arguments: [
        ("", "2026-11-01", "reason"), ("搬迁", "2026-11-26", "date"), ("搬迁", "2026-02-29", "date"), ("搬迁", "11/01/2026", "date"),
    ] as [(String, String, String)])
    func refused(reason: String, date: String, field: String) {
        guard case .failure(let errors) = ServicePointDisabling.validate(reason: reason, date: date, today: today) else {
            Issue.record("expected failure")
            return
        }
        #expect(errors.fields == [field])
    }
}
