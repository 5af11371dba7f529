/// A link a feature adds to the signed-in user's box in the page header: the person's name, which opens their own
/// account page, or a link beside it that may carry a count (通知, with the unread ones). The platform draws the
/// box — name, links, post and unit, the way out — and knows none of the pages.
struct HeaderLink: Sendable {
    let url: SiteURL
    /// The link's text; nil for the link the signed-in person's name makes.
    let label: String?
    /// A count the link shows while it is above zero, read with the session.
    var count: SessionCount?
    /// The link's class; `unread` is added while its count is above zero.
    var cssClass = ""
}

/// A number about the signed-in account that a header link shows (unread notifications). Every page pays for it, so
/// the session lookup reads all features' counts in its one query (`SessionLookup`): each is a scalar subquery over
/// the session's account, `s.account_id`.
struct SessionCount: Sendable {
    /// Names the count among the others; it becomes a column alias, so letters, digits and `_` only.
    let key: String
    /// `SELECT COUNT(*) FROM … WHERE ….account_id = s.account_id …`: fixed text the feature declares, never built
    /// from input.
    let subquery: String
    /// The link's text while the count is above zero (`通知（3条未读）`).
    let label: @Sendable (Int) -> String

    init(key: String, subquery: String, label: @escaping @Sendable (Int) -> String) {
        precondition(!key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                     "a session count's key is a column alias")
        self.key = key
        self.subquery = subquery
        self.label = label
    }
}
