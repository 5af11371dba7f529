import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 就业政策法规查询 (item 12): every post that serves citizens searches the directory; the business admins of the
/// county, city and province enter documents.
enum PoliciesController {
    static func register(_ app: Application) {
        app.get(.policies(), .capability(.searchEmploymentDirectories), use: index)
        app.get(.newPolicy, .capability(.manageEmploymentDirectories), use: new)
        app.post(.policies(), .capability(.manageEmploymentDirectories), use: create)
        app.get(.policy(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let terms = PolicySearch.terms(query)
        let hits = try await PolicyRecord.search(terms, on: req.db)
        // The directory holds public documents: browsing it is not audited, a keyword search is.
        if !terms.isEmpty {
            try await req.auditSearch("policy.search", within: nil, filters: [("q", terms.joined(separator: " "))], found: "\(hits.count)件")
        }
        let context = try await CounterSearch.context(req, item: 12, filters: [("q", terms.joined(separator: " "))], found: "\(hits.count)件")
        return HTMLResponse.make(PoliciesPage.index(hits, query: query, terms: terms, manages: staff.may(.manageEmploymentDirectories), context: context))
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        HTMLResponse.make(PoliciesPage.form(PolicyDraft(), errors: FieldErrors(), today: req.jiujinban.clock.today, context: PageContext(req)))
    }

    struct Form: Content {
        var title: String?
        var issuer: String?
        var document_number: String?
        var issued_on: String?
        var body: String?
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(Form.self)
        let draft = PolicyDraft(title: form.title, issuer: form.issuer, documentNumber: form.document_number, issuedOn: form.issued_on, body: form.body)
        let today = req.jiujinban.clock.today
        let facts: PolicyDraft.Facts
        switch draft.validate(today: today) {
        case .success(let value): facts = value
        case .failure(let errors):
            return HTMLResponse.make(PoliciesPage.form(draft, errors: errors, today: today, context: PageContext(req)), status: .unprocessableEntity)
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = PolicyRecord()
            record.id = id
            record.title = facts.title
            record.issuer = facts.issuer
            record.documentNumber = facts.documentNumber
            record.issuedOn = facts.issuedOn.description
            record.body = facts.body
            record.searchText = PolicySearch.searchText(facts)
            record.divisionCode = staff.account.unit.divisionCode.value
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("policy.create", objectType: "employment_policy", objectID: id.uuidString,
                                           detail: facts.title), on: db)
        }
        return HTMLResponse.seeOther(.policy(id: id))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let record = try await PolicyRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该政策法规")
        }
        return HTMLResponse.make(PoliciesPage.show(record, context: PageContext(req)))
    }
}

enum PoliciesPage {
    static func crumbs(_ last: String?) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))]
            + (last.map { [Crumb(label: "就业政策法规", url: .policies()), Crumb(label: $0, url: nil)] } ?? [Crumb(label: "就业政策法规", url: nil)])
    }

    static func index(_ hits: [PolicyRecord.Hit], query: String, terms: [String], manages: Bool, context: PageContext) -> HTML {
        PageShell.render(
            title: "就业政策法规查询", context: context, crumbs: crumbs(nil),
            content: [
                CounterSearch.panel(context),
                .form(.class("filters"), .method(.get), .action(SiteURL.policies().path), CounterSearch.keep(context),
                      .label(.text("关键词 "), .input(.type(.search), .name("q"), .escapedValue(query),
                                                    .attribute(named: "placeholder", value: "如：补贴 创业"), .attribute(named: "maxlength", value: "100"))),
                      .button(.type(.submit), .class("button small"), .text("查询")),
                      .if(manages, .a(.class("button small"), .href(SiteURL.newPolicy.path), .text("录入政策法规")))),
                .p(.class("hint"), .text(terms.isEmpty ? "共\(hits.count)件，按发布日期排列。多个关键词以空格分开，须同时出现。"
                                         : "“\(terms.joined(separator: " "))”：\(hits.count)件，标题中出现的排在前面。")),
                .if(hits.isEmpty, .p(.class("empty"), .text(terms.isEmpty ? "尚未录入政策法规" : "没有找到包含这些关键词的政策法规"))),
                .ul(.class("policy-list"), .forEach(hits) { hit in
                    .li(.a(.href(SiteURL.policy(id: hit.id).path), .text(hit.title)),
                        .p(.class("hint"), .text([hit.issuer, hit.documentNumber, hit.issuedOn].compactMap { $0 }.joined(separator: " · "))),
                        .p(.text(hit.excerpt)))
                }),
            ])
    }

    static func show(_ record: PolicyRecord, context: PageContext) -> HTML {
        PageShell.render(
            title: record.title, context: context, crumbs: crumbs(record.title),
            content: [
                .p(.class("lead"), .text([record.issuer, record.documentNumber, "发布日期：\(record.issuedOn)"].compactMap { $0 }.joined(separator: " · "))),
                .div(.class("policy-body"), .forEach(record.body.split(separator: "\n", omittingEmptySubsequences: false)) { .p(.text(String($0))) }),
            ])
    }

    static func form(_ values: PolicyDraft, errors: FieldErrors, today: CalendarDate, context: PageContext) -> HTML {
        PageShell.render(
            title: "录入政策法规", context: context, crumbs: crumbs("录入"),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.policies().path), .csrf(context),
                      FormFields.text("title", label: "标题", value: values.title, errors: errors, maxLength: 100),
                      FormFields.text("issuer", label: "发文机关", value: values.issuer, errors: errors, maxLength: 50),
                      FormFields.text("document_number", label: "文号", value: values.documentNumber, errors: errors, hint: "如：晋人社厅发〔2024〕1号",
                                      maxLength: 50, required: false),
                      FormFields.text("issued_on", label: "发布日期", value: values.issuedOn ?? today.description, errors: errors, maxLength: 10),
                      .div(.class(errors.message(for: "body") == nil ? "field" : "field field-invalid"),
                           .label(.for("body"), .text("正文"), .span(.class("required"), .text("*"))),
                           .textarea(.name("body"), .id("body"), .attribute(named: "rows", value: "16"),
                                     .attribute(named: "maxlength", value: String(PolicyDraft.maximumBodyLength)), .text(values.body ?? "")),
                           .unwrap(errors.message(for: "body")) { .p(.class("field-error"), .text($0)) }),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }
}
