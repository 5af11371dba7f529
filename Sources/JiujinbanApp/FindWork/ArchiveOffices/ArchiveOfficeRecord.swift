import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 档案存放机构: one office of the directory of item 15, where mobile workers keep their personnel files.
final class ArchiveOfficeRecord: Model, @unchecked Sendable {
    static let schema = "archive_offices"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    /// The division the office serves (the province, a city or a county).
    @Field(key: "division_code") var divisionCode: String
    /// 存档范围: whose files it keeps.
    @Field(key: "scope") var scope: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "hours") var hours: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    /// Writes the validated fields (a new office or an edit); who and when are the caller's.
    func apply(_ facts: ArchiveOfficeDraft.Facts) {
        name = facts.name
        address = facts.address
        divisionCode = facts.division.value
        scope = facts.scope
        contactPhone = facts.contactPhone.text
        hours = facts.hours
        searchText = facts.searchText
    }

    /// The form for editing.
    var draft: ArchiveOfficeDraft {
        ArchiveOfficeDraft(name: name, address: address, division: divisionCode, scope: scope, contactPhone: contactPhone, hours: hours)
    }

    struct Filter: Sendable {
        var terms: [String] = []
        var division: DivisionCode?
    }

    /// The offices the filter admits, by division then name: an office's place in the tree is what a mobile
    /// worker asks about first.
    static func search(_ filter: Filter, on db: any Database) async throws -> [ArchiveOfficeRecord] {
        let sql = db as! any SQLDatabase
        var query = SQLQueryString("SELECT id FROM archive_offices WHERE 1 = 1")
        DirectoryDivisions.appendFilter(filter.division, to: &query)
        DirectoryDivisions.appendTerms(filter.terms, to: &query)
        query.appendInterpolation(unsafeRaw: " ORDER BY division_code ASC, name ASC")
        let ids = try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        let found = Dictionary(uniqueKeysWithValues: try await ArchiveOfficeRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
        return ids.compactMap { found[$0] }
    }
}

struct M0021CreateArchiveOffices: AsyncMigration {
    var name: String { "JiujinbanApp.M0021CreateArchiveOffices" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("archive_offices")
            .id()
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("division_code", .string, .required)
            .field("scope", .string, .required)
            .field("contact_phone", .string, .required)
            .field("hours", .string, .required)
            .field("search_text", .string, .required)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_by", .uuid, .references("staff_accounts", "id"))
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("archive_offices").delete()
    }
}
