/// What the employer and posting pages say after an employer was registered or a posting published or closed
/// (`PageNotice`); `JobsFeature.notices` lists them with item 2's.
enum EmployerNotices {
    static let registered = PageNotice("employer-registered", "已登记用人单位，可为其发布岗位。")
    static let postingPublished = PageNotice("job-posting-published", "已发布岗位，符合条件的求职者可在岗位推荐中看到。")
    static let postingClosed = PageNotice("job-posting-closed", "已停止招聘，该岗位不再参与推荐和检索。")
}

