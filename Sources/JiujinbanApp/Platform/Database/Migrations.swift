import Fluent
import Vapor

/// Every migration of the platform, in order. Append only: a migration that has run on a province's database is
/// never edited; a change is a new migration. Each pins its `name` to what `_fluent_migrations` recorded (Fluent's
/// default is the type's module path), so moving or renaming the type never runs it twice (`MigrationNameTests`).
enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(M0001CreateDivisions())
        app.migrations.add(M0002CreateServicePoints())
        app.migrations.add(M0003CreateAppSettings())
        app.migrations.add(M0004CreateStaff())
        app.migrations.add(M0005CreateSessions())
        app.migrations.add(M0006CreateAuditLog())
        app.migrations.add(M0007AddLeakReports())
        app.migrations.add(M0008CreateAccountApplications())
        app.migrations.add(M0009CreateAuditArchives())
        app.migrations.add(M0010CreateCitizens())
        app.migrations.add(M0011CreateWorkCalendarYears())
        app.migrations.add(M0012CreateCases())
        app.migrations.add(M0013CreateProblemReports())
        app.migrations.add(M0014CreateMonthlyReportFacts())
        app.migrations.add(M0015CreateReportCycle())
        app.migrations.add(M0016CreateAcceptancePhotos())
        app.migrations.add(M0017CreateReportEvidence())
        app.migrations.add(M0018CreateEmploymentPolicies())
        app.migrations.add(M0019CreateJobMarket())
        app.migrations.add(M0020CreateJobFairs())
        app.migrations.add(M0021CreateArchiveOffices())
        app.migrations.add(M0022CreateGigWork())
        app.migrations.add(M0023CreateEmploymentRegistrations())
        app.migrations.add(M0024IndexOpenCases())
        app.migrations.add(M0025AddGigSkillRetirement())
        app.migrations.add(M0026AddPolicyMaintenance())
        app.migrations.add(M0027SeedOccupationMediumGroups())
        app.migrations.add(M0028AddJobSeekerPlaces())
        app.migrations.add(M0029CreateEmploymentFound())
        app.migrations.add(M0030AddGigSeekerSkillsCounty())
        app.migrations.add(M0031CreateCitizenLookups())
        app.migrations.add(M0032CasesForEveryActor())
    }
}
