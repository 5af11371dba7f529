import FluentKit
import FluentSQLiteDriver
import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import Vapor

/// Fluent records a migration under its `name` and runs every migration whose name it has not recorded. The default
/// name is the type's module path, so moving a migration to another module, or renaming its type, would run it a
/// second time on every existing database. Each migration pins its name; these tests pin the list.
@Suite("Migrations keep the names existing databases recorded")
struct MigrationNameTests {
    /// What main recorded in `_fluent_migrations` at 479f5d7 (2026-12-06), read from a database it migrated
    /// (`SELECT name FROM _fluent_migrations ORDER BY rowid`), in the order it ran them. Append only.
    static let recordedByMain = [
        "JiujinbanApp.M0001CreateDivisions",
        "JiujinbanApp.M0002CreateServicePoints",
        "JiujinbanApp.M0003CreateAppSettings",
        "JiujinbanApp.M0004CreateStaff",
        "JiujinbanApp.M0005CreateSessions",
        "JiujinbanApp.M0006CreateAuditLog",
        "JiujinbanApp.M0007AddLeakReports",
        "JiujinbanApp.M0008CreateAccountApplications",
        "JiujinbanApp.M0009CreateAuditArchives",
        "JiujinbanApp.M0010CreateCitizens",
        "JiujinbanApp.M0011CreateWorkCalendarYears",
        "JiujinbanApp.M0012CreateCases",
        "JiujinbanApp.M0013CreateProblemReports",
        "JiujinbanApp.M0014CreateMonthlyReportFacts",
        "JiujinbanApp.M0015CreateReportCycle",
        "JiujinbanApp.M0016CreateAcceptancePhotos",
        "JiujinbanApp.M0017CreateReportEvidence",
        "JiujinbanApp.M0018CreateEmploymentPolicies",
        "JiujinbanApp.M0019CreateJobMarket",
        "JiujinbanApp.M0020CreateJobFairs",
        "JiujinbanApp.M0021CreateArchiveOffices",
        "JiujinbanApp.M0022CreateGigWork",
        "JiujinbanApp.M0023CreateEmploymentRegistrations",
        "JiujinbanApp.M0024IndexOpenCases",
        "JiujinbanApp.M0025AddGigSkillRetirement",
        "JiujinbanApp.M0026AddPolicyMaintenance",
        "JiujinbanApp.M0027SeedOccupationMediumGroups",
        "JiujinbanApp.M0028AddJobSeekerPlaces",
        "JiujinbanApp.M0029CreateEmploymentFound",
        "JiujinbanApp.M0030AddGigSeekerSkillsCounty",
        "JiujinbanApp.M0031CreateCitizenLookups",
    ]

    @Test("the migrations registered, in order, start with exactly the names main recorded")
    func registeredNames() async throws {
        // The list Fluent would run on an empty database, in registration order; which database does not matter
        // (an empty SQLite file), so this holds for PostgreSQL databases too.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-names-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.sqlite(.file(file.path)), as: .sqlite)
            FeatureSet.register(ProductFeatures.all, on: app)
            try await app.migrator.setupIfNeeded().get()
            let names = try await app.migrator.previewPrepareBatch().get().map(\.0.name)
            #expect(Array(names.prefix(Self.recordedByMain.count)) == Self.recordedByMain)
            #expect(names.count >= Self.recordedByMain.count)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("every feature's migrations carry distinct numbers, and the platform runs them in that order")
    func numberedOnce() {
        let numbers = FeatureSet.migrations(of: ProductFeatures.all).map(FeatureSet.number)
        #expect(numbers == numbers.sorted())
        #expect(Set(numbers).count == numbers.count, "two migrations share a number: \(numbers)")
        #expect(numbers.first == 1)
    }

    @Test("a migrated database, SQLite or PostgreSQL, records exactly those names")
    func recordedNames() async throws {
        try await TestApp.run(demo: false) { app in
            let sql = app.db as! any SQLDatabase
            let names = try await sql.raw("SELECT name FROM _fluent_migrations").all()
                .map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(Self.recordedByMain).isSubset(of: Set(names)))
            #expect(names.count == Set(names).count)
        }
    }
}
