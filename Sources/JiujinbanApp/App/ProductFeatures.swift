/// Every feature of the product, once. Adding a feature is one line here; its routes, migrations and navigation come
/// with it (`Feature`).
enum ProductFeatures {
    static let all: [any Feature.Type] = [
        PlatformFeature.self,
        HomeFeature.self,
        LoginFeature.self,
        DivisionsFeature.self,
        ServicePointsFeature.self,
        CatalogueFeature.self,
        APIFeature.self,
        AuditFeature.self,
        AccountsFeature.self,
        AccountApplicationsFeature.self,
        NotificationsFeature.self,
        CitizensFeature.self,
        CalendarFeature.self,
        PolicyFiguresFeature.self,
        CasesFeature.self,
        ServiceItemsFeature.self,
        ProblemReportsFeature.self,
        MonthlyReportFeature.self,
        AcceptanceFeature.self,
        KiosksFeature.self,
        PoliciesFeature.self,
        JobsFeature.self,
        GigsFeature.self,
        JobFairsFeature.self,
        ArchiveOfficesFeature.self,
        RegistrationsFeature.self,
        LedgerFeature.self,
        BackupFeature.self,
    ]
}
