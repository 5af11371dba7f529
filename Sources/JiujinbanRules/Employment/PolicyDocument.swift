/// 就业政策法规 (item 12): a policy or regulation as a business admin enters it. Field names: `title`, `issuer`,
/// `document_number`, `issued_on`, `body`.
public struct PolicyDraft: Sendable, Equatable {
    public var title: String?
    public var issuer: String?
    public var documentNumber: String?
    public var issuedOn: String?
    public var body: String?

    public init(title: String? = nil, issuer: String? = nil, documentNumber: String? = nil, issuedOn: String? = nil, body: String? = nil) {
        self.title = title
        self.issuer = issuer
        self.documentNumber = documentNumber
        self.issuedOn = issuedOn
        self.body = body
    }

    public struct Facts: Sendable, Equatable {
        public let title: String
        public let issuer: String
        public let documentNumber: String?
        public let issuedOn: CalendarDate
        public let body: String
    }

    public static let maximumBodyLength = 20_000

    public func validate(today: CalendarDate) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let title = TextField.required(self.title, field: "title", label: "标题", maxLength: 100, into: &errors)
        let issuer = TextField.required(self.issuer, field: "issuer", label: "发文机关", maxLength: 50, into: &errors)
        let number = TextField.optional(documentNumber, field: "document_number", label: "文号", maxLength: 50, into: &errors)
        let dateText = TextField.clean(issuedOn)
        let date = CalendarDate(iso: dateText)
        if dateText.isEmpty { errors.add("issued_on", "请填写发布日期") }
        else if date == nil { errors.add("issued_on", "发布日期应为有效日期，如\(today)") }
        else if let date, date > today { errors.add("issued_on", "发布日期不能晚于今天（\(today)）") }
        let body = ProblemReportDraft.multiline(self.body, field: "body", label: "正文", maxLength: Self.maximumBodyLength, required: true,
                                                into: &errors)
        guard errors.isEmpty, let date else { return .failure(errors) }
        return .success(Facts(title: title, issuer: issuer, documentNumber: number, issuedOn: date, body: body))
    }
}

/// Search in Chinese without a word segmenter: every term the clerk types must occur in the document as it is
/// (a two-character word such as 补贴 finds every document containing it); documents rank by how often the terms
/// occur, a hit in the title counting five times. The same substring test runs as `LIKE` on SQLite and PostgreSQL.
public enum PolicySearch {
    /// At most five terms of at most 20 characters: full-width letters and digits folded, lower case, spaces split.
    public static func terms(_ query: String?) -> [String] {
        var seen: Set<String> = []
        var terms: [String] = []
        for part in fold(query ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "\u{3000}" || $0 == "," || $0 == "，" }) {
            let term = String(part.prefix(20))
            guard !term.isEmpty, seen.insert(term).inserted else { continue }
            terms.append(term)
            if terms.count == 5 { break }
        }
        return terms
    }

    /// What the database searches: title, issuer, number and body, folded like the terms.
    public static func searchText(_ facts: PolicyDraft.Facts) -> String {
        fold([facts.title, facts.issuer, facts.documentNumber ?? "", facts.body].joined(separator: "\n"))
    }

    static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        })).lowercased()
    }

    /// The rank of a document for `terms`: occurrences in the body plus five per occurrence in the title; 0 when a
    /// term is missing.
    public static func score(title: String, body: String, terms: [String]) -> Int {
        let title = fold(title), body = fold(body)
        var total = 0
        for term in terms {
            let inTitle = occurrences(of: term, in: title), inBody = occurrences(of: term, in: body)
            if inTitle + inBody == 0 { return 0 }
            total += 5 * inTitle + inBody
        }
        return total
    }

    static func occurrences(of term: String, in text: String) -> Int {
        guard !term.isEmpty else { return 0 }
        var count = 0
        var rest = text[...]
        while let range = rest.range(of: term) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Up to `length` characters of the body around the first term found, with 「…」 where cut.
    public static func excerpt(_ body: String, terms: [String], length: Int = 80) -> String {
        let folded = fold(body)
        guard let term = terms.first(where: { folded.contains($0) }), let range = folded.range(of: term) else {
            return body.count > length ? String(body.prefix(length)) + "…" : body
        }
        let offset = folded.distance(from: folded.startIndex, to: range.lowerBound)
        let characters = Array(body)
        let start = min(max(0, offset - length / 3), characters.count)
        let end = min(characters.count, start + length)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }
}
