import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 招聘会: one fair of the directory of item 14. Times are wall-clock minutes in Shanghai stored as
/// `YYYY-MM-DD HH:mm`, which sort as text, so "upcoming" is the same string comparison on SQLite and PostgreSQL.
final class JobFairRecord: Model, @unchecked Sendable {
    static let schema = "job_fairs"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "starts_at") var startsAt: String
    @Field(key: "ends_at") var endsAt: String
    @Field(key: "venue") var venue: String
    @Field(key: "address") var address: String
    /// The organiser's division (the province, a city or a county).
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "audience") var audience: String
    /// One employer a line, as `JobFairDraft.Employer.line` writes it.
    @Field(key: "employers") var employers: String
    @Field(key: "employer_count") var employerCount: Int
    @Field(key: "post_count") var postCount: Int
    @Field(key: "organiser") var organiser: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancel_reason") var cancelReason: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    /// Writes the validated fields (a new fair or an edit); who and when are the caller's.
    func apply(_ facts: JobFairDraft.Facts) {
        title = facts.title
        startsAt = facts.startsAt.stored
        endsAt = facts.endsAt.stored
        venue = facts.venue
        address = facts.address
        divisionCode = facts.division.value
        audience = facts.audience
        employers = facts.employerLines
        employerCount = facts.employers.count
        postCount = facts.employers.reduce(0) { $0 + ($1.posts ?? 0) }
        organiser = facts.organiser
        contactPhone = facts.contactPhone.text
        searchText = facts.searchText
    }

    var starts: WallClockTime? { WallClockTime(stored: startsAt) }
    var ends: WallClockTime? { WallClockTime(stored: endsAt) }

    func status(at now: WallClockTime) -> JobFairStatus {
        guard let starts, let ends else { return .ended }
        return .of(startsAt: starts, endsAt: ends, cancelled: cancelledAt != nil, now: now)
    }

    /// The stored list, read back with the rules that wrote it.
    var employerList: [JobFairDraft.Employer] {
        var ignored = FieldErrors()
        return JobFairDraft.employers(employers, into: &ignored)
    }

    /// The form for editing, as the admin typed it.
    var draft: JobFairDraft {
        JobFairDraft(title: title, startDate: starts?.date.iso, startTime: starts?.time, endDate: ends?.date.iso, endTime: ends?.time,
                     venue: venue, address: address, division: divisionCode, audience: audience, employers: employers,
                     organiser: organiser, contactPhone: contactPhone)
    }

    /// `2026年11月28日 09:00—12:00`, or both ends in full when it runs over several days.
    var timeText: String {
        guard let starts, let ends else { return startsAt + "—" + endsAt }
        return starts.chinese + "—" + (starts.date == ends.date ? ends.time : ends.chinese)
    }

    /// Which fairs a list shows: upcoming (not ended yet, cancelled ones included so a clerk can tell a caller), all,
    /// or one status.
    enum Period: String, CaseIterable, Sendable {
        case upcoming, all, scheduled, ongoing, ended, cancelled

        var label: String {
            switch self {
            case .upcoming: "近期（未结束）"
            case .all: "全部"
            case .scheduled: JobFairStatus.scheduled.label
            case .ongoing: JobFairStatus.ongoing.label
            case .ended: JobFairStatus.ended.label
            case .cancelled: JobFairStatus.cancelled.label
            }
        }

        /// Upcoming fairs soonest first; past ones latest first.
        var soonestFirst: Bool { [.upcoming, .scheduled, .ongoing].contains(self) }
    }

    struct Filter: Sendable {
        var terms: [String] = []
        var period: Period = .upcoming
        var division: DivisionCode?
    }

    static let pageSize = 100

    /// The fairs the filter admits (at most `pageSize`, in list order) and how many there are.
    static func search(_ filter: Filter, now: WallClockTime, on db: any Database) async throws -> (fairs: [JobFairRecord], total: Int) {
        let sql = db as! any SQLDatabase
        var query = SQLQueryString("SELECT id FROM job_fairs WHERE 1 = 1")
        let now = now.stored
        switch filter.period {
        case .all: break
        case .upcoming: query.appendInterpolation(unsafeRaw: " AND ends_at > "); query.appendInterpolation(bind: now)
        case .scheduled:
            query.appendInterpolation(unsafeRaw: " AND cancelled_at IS NULL AND starts_at > "); query.appendInterpolation(bind: now)
        case .ongoing:
            query.appendInterpolation(unsafeRaw: " AND cancelled_at IS NULL AND starts_at <= "); query.appendInterpolation(bind: now)
            query.appendInterpolation(unsafeRaw: " AND ends_at > "); query.appendInterpolation(bind: now)
        case .ended:
            query.appendInterpolation(unsafeRaw: " AND cancelled_at IS NULL AND ends_at <= "); query.appendInterpolation(bind: now)
        case .cancelled: query.appendInterpolation(unsafeRaw: " AND cancelled_at IS NOT NULL")
        }
        DirectoryDivisions.appendFilter(filter.division, to: &query)
        DirectoryDivisions.appendTerms(filter.terms, to: &query)
        query.appendInterpolation(unsafeRaw: filter.period.soonestFirst ? " ORDER BY starts_at ASC, title ASC" : " ORDER BY starts_at DESC, title ASC")
        let ids = try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
        let shown = Array(ids.prefix(pageSize))
        guard !shown.isEmpty else { return ([], ids.count) }
        let found = Dictionary(uniqueKeysWithValues: try await JobFairRecord.query(on: db).filter(\.$id ~~ shown).all().map { ($0.id!, $0) })
        return (shown.compactMap { found[$0] }, ids.count)
    }
}

struct M0020CreateJobFairs: AsyncMigration {
    var name: String { "JiujinbanApp.M0020CreateJobFairs" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("job_fairs")
            .id()
            .field("title", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("venue", .string, .required)
            .field("address", .string, .required)
            .field("division_code", .string, .required)
            .field("audience", .string, .required)
            .field("employers", .string, .required)
            .field("employer_count", .int, .required)
            .field("post_count", .int, .required)
            .field("organiser", .string, .required)
            .field("contact_phone", .string, .required)
            .field("search_text", .string, .required)
            .field("cancelled_at", .datetime)
            .field("cancel_reason", .string)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_by", .uuid, .references("staff_accounts", "id"))
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_fairs").delete()
    }
}
