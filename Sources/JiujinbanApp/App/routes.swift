import Vapor

/// Registers every route of the platform, one feature at a time.
func routes(_ app: Application) async throws {
    HealthController.register(app)
    StaticAssetsController.register(app)
    HomeController.register(app)
    DivisionsController.register(app)
    ServicePointsController.register(app)
    CatalogueController.register(app)
    APIController.register(app)
    LoginController.register(app)
    AuditLogController.register(app)
    AccountReviewController.register(app)
    AccountsController.register(app)
    AccountApplicationsController.register(app)
    NotificationsController.register(app)
    CitizensController.register(app)
    WorkCalendarController.register(app)
    CasesController.register(app)
    CaseStatisticsController.register(app)
    ProblemReportsController.register(app)
    ResponsibilityListController.register(app)
    ProblemOversightController.register(app)
    MonthlyReportController.register(app)
    AcceptanceController.register(app)
    KiosksController.register(app)
    ReportEntryController.register(app)
    ReportEvidenceController.register(app)
    PoliciesController.register(app)
    JobFairsController.register(app)
    ArchiveOfficesController.register(app)
    ReportReviewController.register(app)
    PointMapController.register(app)
    if !app.jiujinban.configuration.isProduction {
        CardSimulator.register(app)
    }
}
