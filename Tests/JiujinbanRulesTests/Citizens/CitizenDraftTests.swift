import JiujinbanRules
import Testing

@Suite("办事群众 registration: every field checked, named in Chinese")
struct CitizenDraftTests {
    let today = CalendarDate(year: 2026, month: 11, day: 29)!
    let levels: [String: DivisionLevel] = [
        "140830000000": .county, "140830100000": .township, "140830100204": .village, "140830100019": .community,
    ]

    func validate(_ draft: CitizenDraft) -> Result<CitizenFacts, FieldErrors> {
        draft.validate(today: today) { levels[$0.value] }
    }

    var good: CitizenDraft {
        CitizenDraft(idNumber: "142723650815001", name: "买买提·艾力", phone: "+86 139 0359 0011", hukouDivision: "140830000000",
                     residenceDivision: "140830100204", ethnicity: "维吾尔族", cardNumber: "a12345678")
    }

    @Test("a good draft: 15-digit number converted, phone normalised, sex and birth date from the number")
    func goodDraft() throws {
        let facts = try validate(good).get()
        #expect(facts.idNumber.value == "142723196508150011")
        #expect(facts.idNumber.sex == .male && facts.idNumber.birthDate.description == "1965-08-15")
        #expect(facts.phone?.value == "13903590011")
        #expect(facts.cardNumber == "A12345678" && facts.name == "买买提·艾力")
    }

    @Test("bad fields each named", arguments: [
        ("id_number", CitizenDraft(idNumber: "140830199001011233")),
        ("id_number", CitizenDraft(idNumber: "140830209901011232")),
        ("name", CitizenDraft(name: "")),
        ("name", CitizenDraft(name: "张\u{202E}三")),
        ("name", CitizenDraft(name: String(repeating: "𠀀", count: 31))),
        ("phone", CitizenDraft(phone: "1390359001")),
        ("hukou_division", CitizenDraft(hukouDivision: "999999999999")),
        ("residence_division", CitizenDraft(residenceDivision: "140830100000")),
        ("ethnicity", CitizenDraft(ethnicity: "火星族")),
        ("card_number", CitizenDraft(cardNumber: "<script>")),
    ] as [(String, CitizenDraft)])
    func badField(field: String, partial: CitizenDraft) {
        var draft = good
        if let value = partial.idNumber { draft.idNumber = value }
        if let value = partial.name { draft.name = value }
        if let value = partial.phone { draft.phone = value }
        if let value = partial.hukouDivision { draft.hukouDivision = value }
        if let value = partial.residenceDivision { draft.residenceDivision = value }
        if let value = partial.ethnicity { draft.ethnicity = value }
        if let value = partial.cardNumber { draft.cardNumber = value }
        guard case .failure(let errors) = validate(draft) else {
            Issue.record("expected a refusal of \(field)")
            return
        }
        #expect(errors.fields == [field])
        #expect(errors.message(for: field)?.isEmpty == false)
    }

    @Test("56 groups plus the two extra codes")
    func ethnicities() {
        #expect(Ethnicity.names.count == 56 && Set(Ethnicity.all).count == 58)
    }
}
