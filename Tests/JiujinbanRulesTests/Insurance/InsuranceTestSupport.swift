import JiujinbanRules

/// `ymd("2026-12-07")`, `ym("2026-05")`: short names, so they clash with no file-private `day` of another suite.
func ymd(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
func ym(_ text: String) -> PensionMonth { PensionMonth(text)! }

/// Shanxi's basic-scheme grades (domain-rules §4, amounts in fen) from 2024, the 300 元 grade ended with 2025
/// (a made-up end, to test a grade no longer in force).
let basicGrades: [ContributionGrade] = [(200, 35), (500, 60), (700, 80), (1000, 100), (1500, 140), (2000, 180)]
    .map { ContributionGrade(amountFen: $0.0 * 100, subsidyFen: $0.1 * 100, validFrom: ymd("2024-01-01")) }
    + [ContributionGrade(amountFen: 30_000, subsidyFen: 4_000, validFrom: ymd("2024-01-01"), validThrough: ymd("2025-12-31"))]

/// The supplementary scheme's grades and 入口补 (policy-figures.md) from 2021-01-01.
let supplementaryGrades: [ContributionGrade] = [(200, 70), (500, 120), (1000, 200), (2000, 360), (5000, 600)]
    .map { ContributionGrade(amountFen: $0.0 * 100, subsidyFen: $0.1 * 100, validFrom: ymd("2021-01-01")) }

extension Result where Failure == PensionRefusals {
    var refusals: [PensionRefusal]? {
        if case .failure(let failure) = self { return failure.all }
        return nil
    }

    var value: Success? { try? get() }
}

extension Result where Failure == PensionRefusal {
    var refusals: PensionRefusal? {
        if case .failure(let failure) = self { return failure }
        return nil
    }

    var value: Success? { try? get() }
}
