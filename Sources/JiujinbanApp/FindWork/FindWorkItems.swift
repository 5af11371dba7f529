/// 我要找工作 (items 1–15): each item's module, one line each. Adding an item of this group: its folder under
/// `FindWork/Items/`, and its line here.
enum FindWorkItems {
    static let modules: [ItemModule] = [
        JobSeekerItem.module,
        JobRecommendationItem.module,
        JobPostingSearchItem.module,
        GigSeekerItem.module,
        GigRecommendationItem.module,
        GigSearchItem.module,
        GigPostingItem.module,
        GigWorkerRecommendationItem.module,
        GigWorkerSearchItem.module,
        FlexibleEmploymentItem.module,
        UnemploymentRegistrationItem.module,
        PolicySearchItem.module,
        EmploymentCardQueryItem.module,
        JobFairSearchItem.module,
        ArchiveOfficeSearchItem.module,
    ]
}
