import JiujinbanRules
import Testing

@Suite("政策法规检索: terms, ranking, excerpts")
struct PolicySearchTests {
    @Test("terms: full-width folded, lower case, split on spaces and commas, at most five, no repeats")
    func terms() {
        #expect(PolicySearch.terms("  补贴　创业，ＡＢＣ 补贴 ") == ["补贴", "创业", "abc"])
        #expect(PolicySearch.terms("a b c d e f g").count == 5)
        #expect(PolicySearch.terms(nil).isEmpty)
    }

    @Test("every term must occur; a title hit weighs five body hits")
    func score() {
        #expect(PolicySearch.score(title: "创业补贴", body: "补贴", terms: ["补贴"]) == 6)
        #expect(PolicySearch.score(title: "培训", body: "补贴，补贴", terms: ["补贴"]) == 2)
        #expect(PolicySearch.score(title: "培训", body: "补贴", terms: ["补贴", "创业"]) == 0)
    }

    @Test("the excerpt shows the text around the first hit")
    func excerpt() {
        let body = String(repeating: "一", count: 100) + "补贴标准" + String(repeating: "二", count: 100)
        let excerpt = PolicySearch.excerpt(body, terms: ["补贴"], length: 30)
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…") && excerpt.contains("补贴标准") && excerpt.count == 32)
        #expect(PolicySearch.excerpt("短文", terms: ["补贴"]) == "短文")
    }
}

@Suite("政策法规废止: the reason is required, cleaned and bounded")
struct PolicyWithdrawalTests {
    @Test("blank or over-long reasons are refused naming the field; a good one is trimmed")
    func reason() {
        #expect(PolicyWithdrawal.validate(reason: "  已被新文件替代 \r\n") == .success("已被新文件替代"))
        for blank in [nil, "", "　\n "] as [String?] {
            guard case .failure(let errors) = PolicyWithdrawal.validate(reason: blank) else { Issue.record("accepted \(String(describing: blank))"); continue }
            #expect(errors.message(for: "reason") == "请填写废止原因")
        }
        guard case .failure(let errors) = PolicyWithdrawal.validate(reason: String(repeating: "废", count: 201)) else { Issue.record("accepted"); return }
        #expect(errors.message(for: "reason") == "废止原因不能超过200个字（现为201个）")
    }
}
