import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 就业政策法规: one document of the directory of item 12. `searchText` is the folded text the search matches. A
/// withdrawn (废止) document is kept, out of the search, with when and why.
final class PolicyRecord: Model, @unchecked Sendable {
    static let schema = "employment_policies"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "issuer") var issuer: String
    @OptionalField(key: "document_number") var documentNumber: String?
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "body") var body: String
    @Field(key: "search_text") var searchText: String
    /// The division of the department that entered it (the county, city or province).
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: UUID?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") var withdrawnReason: String?

    init() {}

    var isWithdrawn: Bool { withdrawnAt != nil }

    /// Writes the validated fields and the folded copy the search matches (a new document or an edit); who and
    /// when are the caller's.
    func apply(_ facts: PolicyDraft.Facts) {
        title = facts.title
        issuer = facts.issuer
        documentNumber = facts.documentNumber
        issuedOn = facts.issuedOn.description
        body = facts.body
        searchText = PolicySearch.searchText(facts)
    }

    /// The form for editing.
    var draft: PolicyDraft {
        PolicyDraft(title: title, issuer: issuer, documentNumber: documentNumber, issuedOn: issuedOn, body: body)
    }

    struct Hit: Sendable {
        let id: UUID
        let title: String
        let issuer: String
        let documentNumber: String?
        let issuedOn: String
        let score: Int
        let excerpt: String
    }

    /// Documents in force holding every term, best first (then newest); all of them, newest first, without terms.
    static func search(_ terms: [String], on db: any Database) async throws -> [Hit] {
        let sql = db as! any SQLDatabase
        var query = SQLQueryString("SELECT id, title, issuer, document_number, issued_on, body FROM employment_policies WHERE withdrawn_at IS NULL")
        for term in terms {
            query.appendInterpolation(unsafeRaw: " AND search_text LIKE ")
            query.appendInterpolation(bind: "%" + likeEscaped(term) + "%")
            query.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY issued_on DESC")
        let hits = try await sql.raw(query).all().map { row -> Hit in
            let title = try row.decode(column: "title", as: String.self), body = try row.decode(column: "body", as: String.self)
            return Hit(id: try row.decode(column: "id", as: UUID.self), title: title, issuer: try row.decode(column: "issuer", as: String.self),
                       documentNumber: try row.decode(column: "document_number", as: String?.self),
                       issuedOn: try row.decode(column: "issued_on", as: String.self),
                       score: terms.isEmpty ? 0 : PolicySearch.score(title: title, body: body, terms: terms),
                       excerpt: PolicySearch.excerpt(body, terms: terms))
        }
        return terms.isEmpty ? hits : hits.filter { $0.score > 0 }.sorted { ($0.score, $0.issuedOn) > ($1.score, $1.issuedOn) }
    }

    /// `%`, `_` and the escape character itself taken literally.
    static func likeEscaped(_ term: String) -> String {
        term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

struct M0018CreateEmploymentPolicies: AsyncMigration {
    var name: String { "JiujinbanApp.M0018CreateEmploymentPolicies" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("employment_policies")
            .id()
            .field("title", .string, .required)
            .field("issuer", .string, .required)
            .field("document_number", .string)
            .field("issued_on", .string, .required)
            .field("body", .string, .required)
            .field("search_text", .string, .required)
            .field("division_code", .string, .required)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("employment_policies").delete()
    }
}
