import Foundation
import JiujinbanRules
import Plot

/// The search items (`SearchItem`). Done at the counter for a citizen, a search is a case like any other
/// item (即时办结): the person's page starts the item on its search page with `?citizen=…`, the search forms keep
/// that citizen, and the page offers to record the search — its filters and result count as the case's note — as
/// the case. Without `citizen` the pages are the staff's own lookups and record nothing.
enum CounterSearch {
    /// The filters with `field`'s chosen value shown by its option's label (a place's name rather than its code).
    static func labelled(_ filters: [(String, String)], _ field: String, in options: [FormFields.Option]) -> [(String, String)] {
        filters.map { name, value in
            guard name == field, let option = options.first(where: { $0.value == value }) else { return (name, value) }
            return (name, TextField.clean(option.label))
        }
    }

    /// Keeps the citizen served across the page's searches (inside its GET form).
    static func keep(_ context: PageContext) -> Node<HTML.FormContext> {
        .unwrap(context.serving) { .input(.type(.hidden), .name("citizen"), .value($0.citizenID.uuidString.lowercased())) }
    }

    /// A link's query that keeps the citizen served (the pager's next page).
    static func kept(_ query: [(String, String)], _ context: PageContext) -> [(String, String)] {
        guard let serving = context.serving else { return query }
        return query + [("citizen", serving.citizenID.uuidString.lowercased())]
    }

    /// The panel that records this search as the citizen's case, on a page opened for one.
    static func panel(_ context: PageContext) -> Node<HTML.BodyContext> {
        guard let serving = context.serving, let summary = serving.summary else { return .empty }
        return .section(
            .class("panel"), .id("counter-case"),
            .h2(.text("为办事群众\(serving.maskedName)办理：\(serving.item.name)")),
            .p(.class("hint"), .text(summary)),
            .form(.class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                  .input(.type(.hidden), .name("citizen"), .value(serving.citizenID.uuidString.lowercased())),
                  .input(.type(.hidden), .name("item"), .value(String(serving.item.seq))),
                  .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                  .input(.type(.hidden), .name("note"), .value(summary)),
                  .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                               .text(" 已核验材料：\(serving.item.requirement)"))),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("办结本次查询（出具受理回执）")))))
    }
}

