/// What the township's entry page says after it was saved, submitted or an exception asked for (`PageNotice`).
enum ReportEntryNotices {
    static let saved = PageNotice("report-entry-saved", "已保存。报送前仍可修改。")
    static let submitted = PageNotice("report-entry-submitted", "已报送县领导小组办公室，审核结果将通知本服务点。")
    static let exceptionRequested = PageNotice("report-exception-requested", "延期申请已提交，县领导小组办公室批准后可继续填报。")
}

extension MonthlyReportFeature {
    static var notices: [PageNotice] {
        [ReportEntryNotices.saved, ReportEntryNotices.submitted, ReportEntryNotices.exceptionRequested]
    }
}
