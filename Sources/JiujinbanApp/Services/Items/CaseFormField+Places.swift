import JiujinbanRules

/// A place field as one user sees it. An item makes its lists once for a county; where the user works orders them
/// and fills a new form.
extension CaseFormField {
    /// The field with its place list's groups arranged for a user working at `own` (`PlaceChooser.arranged`).
    func arranged(for own: DivisionCode) -> CaseFormField {
        guard case .place(let choices, let preselectOwn) = kind else { return self }
        return CaseFormField(name: name, label: label, kind: .place(PlaceChooser.arranged(choices, for: own), preselectOwn: preselectOwn),
                             required: required)
    }

    /// What the field holds on a new form: the user's own village or community for a place field that asks for it,
    /// nothing otherwise.
    func initialValue(for own: DivisionCode) -> String? {
        guard case .place(let choices, true) = kind else { return nil }
        return PlaceChooser.initial(nil, operatorDivision: own, offered: choices)
    }

    /// The values a new form of `fields` starts with.
    static func initialValues(_ fields: [CaseFormField], for own: DivisionCode) -> [String: String] {
        Dictionary(fields.compactMap { field in field.initialValue(for: own).map { (field.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
