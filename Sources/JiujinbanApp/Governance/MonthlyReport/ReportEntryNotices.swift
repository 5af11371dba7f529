/// What the township's entry page says after it was saved, submitted or an exception asked for, and what the
/// county's table says after a decision (`PageNotice`).
enum ReportEntryNotices {
    static let saved = PageNotice("report-entry-saved", "已保存。报送前仍可修改。")
    static let submitted = PageNotice("report-entry-submitted", "已报送县领导小组办公室，审核结果将通知本服务点。")
    static let exceptionRequested = PageNotice("report-exception-requested", "延期申请已提交，县领导小组办公室批准后可继续填报。")
    static let accepted = PageNotice("report-accepted", "已采用该乡镇的调度表，已通知报送人。")
    static let returned = PageNotice("report-returned", "已退回该乡镇的调度表，退回原因已通知报送人。")
    static let exceptionGranted = PageNotice("report-exception-granted", "已批准延期，已通知申请人。")
    static let exceptionRefused = PageNotice("report-exception-refused", "未批准延期，已通知申请人。")
    static let countyTasksSaved = PageNotice("report-county-tasks-saved", "已保存本县任务（第16、17、24列）。")
}

extension MonthlyReportFeature {
    static var notices: [PageNotice] {
        [ReportEntryNotices.saved, ReportEntryNotices.submitted, ReportEntryNotices.exceptionRequested,
         ReportEntryNotices.accepted, ReportEntryNotices.returned, ReportEntryNotices.exceptionGranted,
         ReportEntryNotices.exceptionRefused, ReportEntryNotices.countyTasksSaved]
    }
}
