import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Intentions, institutions and class plans written straight into the tables (items 16 and the registry pages are
/// built elsewhere), for the tests of items 18 and 19.
struct TrainingDeliveryFixtures {
    let jobs = FixedJobsTests()

    func sql(_ app: Application) -> any SQLDatabase { app.db as! any SQLDatabase }

    /// The service point an operator's account sits at.
    func point(_ app: Application, _ session: TestSession) async throws -> UUID {
        try #require(try await sql(app).raw("SELECT unit_service_point_id AS p FROM staff_accounts WHERE id = \(bind: session.accountID)")
            .first()?.decode(column: "p", as: UUID?.self))
    }

    /// A person registered by `session` (with a phone, living in 泰安村 unless moved).
    func person(_ app: Application, _ session: TestSession, idNumber: String = CitizenRegistryTests.idNumber) async throws -> UUID {
        try await jobs.citizen(app, session, idNumber: idNumber)
    }

    /// An occupation of the classification (a medium group), and its name.
    func occupation(_ app: Application) async throws -> (String, String) {
        let row = try #require(try await sql(app).raw("SELECT code, name FROM occupations WHERE code LIKE '%-%' ORDER BY code").first())
        return (try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self))
    }

    /// A training intention of `citizen` at `point`, open, registered on `on`.
    @discardableResult
    func intention(_ app: Application, _ session: TestSession, citizen: UUID, point: UUID, occupation: String, level: Int = 5,
                   registeredOn: String) async throws -> UUID {
        // Any case of the person's at the counter: the intention is written straight in (item 16's form has its own tests).
        let untimed = try await CaseEngineTests().item(app, timed: false)
        #expect(try await jobs.accept(app, session, citizen: citizen, item: untimed.seq, []).0 == .seeOther)
        let caseID = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == untimed.seq).filter(\.$citizenID == citizen)
            .sort(\.$acceptedAt, .descending).first()?.requireID())
        let id = UUID()
        try await sql(app).raw("""
            INSERT INTO training_intentions (id, citizen_id, county_code, division_code, service_point_id, case_id, occupation_code, level,
                groups, group_bases, registered_on, status, created_at)
            VALUES (\(bind: id), \(bind: citizen), '140830000000', '140830100204', \(bind: point), \(bind: caseID), \(bind: occupation),
                \(bind: level), 'rural-migrant', '[]', \(bind: registeredOn), 'open', \(bind: Date()))
            """).run()
        return id
    }

    /// An institution of the county at `location` (longitude, latitude), created by `admin`.
    func institution(_ app: Application, admin: UUID, name: String = "芮城县职业培训学校", at location: (Double, Double)?) async throws -> UUID {
        let id = UUID()
        try await sql(app).raw("""
            INSERT INTO training_institutions (id, county_code, name, credit_code, division_code, address, longitude, latitude, subsidised,
                contact_phone, created_by, created_at)
            VALUES (\(bind: id), '140830000000', \(bind: name), \(bind: String(id.uuidString.prefix(18))), '140830100000', '古魏镇', \(bind: location?.0),
                \(bind: location?.1), \(bind: true), '0359-3021234', \(bind: admin), \(bind: Date()))
            """).run()
        return id
    }

    @discardableResult
    func plan(_ app: Application, institution: UUID, admin: UUID, occupation: String, level: Int = 5, starts: String, ends: String,
              capacity: Int = 30, enrolled: Int = 0) async throws -> UUID {
        let id = UUID()
        try await sql(app).raw("""
            INSERT INTO training_class_plans (id, institution_id, county_code, occupation_code, level, starts_on, ends_on, place, capacity,
                enrolled, created_by, created_at)
            VALUES (\(bind: id), \(bind: institution), '140830000000', \(bind: occupation), \(bind: level), \(bind: starts), \(bind: ends),
                '古魏镇培训中心二楼', \(bind: capacity), \(bind: enrolled), \(bind: admin), \(bind: Date()))
            """).run()
        return id
    }

    func count(_ app: Application, _ statement: SQLQueryString) async throws -> Int {
        try await sql(app).raw("SELECT COUNT(*) AS n FROM \(statement)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    func followUpCases(_ app: Application) async throws -> [CaseRecord] {
        try await CaseRecord.query(on: app.db).filter(\.$itemSeq == TrainingFollowUpItem.seq).sort(\.$acceptedAt).all()
    }

    func sweep(_ app: Application) async throws -> TrainingFollowUpSweep.Counts {
        try await TrainingFollowUpSweep(day: app.jiujinban.clock.today).run(app)
    }
}

extension TestClock {
    /// Moves to 10:00 in Shanghai on `iso`.
    func move(to iso: String) {
        let target = CalendarDate(iso: iso)!
        var day = CalendarDate(now), days = 0
        while day < target { day = day.adding(days: 1); days += 1 }
        advance(by: TimeInterval(days) * 86_400)
    }
}

enum AuditRows {
    /// The audit rows of an action (any when nil) on an object, with their result.
    static func count(_ app: Application, action: String?, objectID: String, result: String = "success") async throws -> Int {
        let sql = app.db as! any SQLDatabase
        let rows = try await sql.raw("SELECT action FROM audit_log WHERE object_id = \(bind: objectID) AND result = \(bind: result)").all()
        let actions = try rows.map { try $0.decode(column: "action", as: String.self) }
        return actions.filter { action == nil || $0 == action }.count
    }
}
