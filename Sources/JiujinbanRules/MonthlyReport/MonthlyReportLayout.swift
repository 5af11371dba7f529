/// 服务点情况及工作任务调度表 (attachment 2): its 24 numbered columns under their header rows, and its notes.
///
/// Columns 1–2 name the row (市; 县、乡（镇）); 3–6 count the service points (服务点数量); 7–15 describe a point
/// (服务点情况, with 13–15 under 服务点位置); 16–24 are the work tasks (工作任务完成情况), 1 done and 0 or blank not.
public enum MonthlyReportLayout {
    public static let title = "服务点情况及工作任务调度表"
    public static let columnCount = 24
    /// Header rows above the row of column numbers.
    public static let headerRowCount = 3

    /// One header cell: zero-based row and column, and how many rows and columns it spans.
    public struct HeaderCell: Sendable, Equatable {
        public let text: String
        public let row: Int, column: Int, rowSpan: Int, columnSpan: Int
    }

    public static let header: [HeaderCell] = {
        var cells = [
            HeaderCell(text: "市", row: 0, column: 0, rowSpan: 3, columnSpan: 1),
            HeaderCell(text: "县、乡（镇）", row: 0, column: 1, rowSpan: 3, columnSpan: 1),
            HeaderCell(text: "服务点数量", row: 0, column: 2, rowSpan: 1, columnSpan: 4),
            HeaderCell(text: "服务点情况", row: 0, column: 6, rowSpan: 1, columnSpan: 9),
            HeaderCell(text: "工作任务完成情况", row: 0, column: 15, rowSpan: 1, columnSpan: 9),
            HeaderCell(text: "服务点位置", row: 1, column: 12, rowSpan: 1, columnSpan: 3),
            HeaderCell(text: "经度", row: 2, column: 12, rowSpan: 1, columnSpan: 1),
            HeaderCell(text: "纬度", row: 2, column: 13, rowSpan: 1, columnSpan: 1),
            HeaderCell(text: "最远居民区距服务点距离", row: 2, column: 14, rowSpan: 1, columnSpan: 1),
        ]
        let counts = ["合计（个）", "乡镇（个）", "行政村（个）", "社区（个）"]
        let facts = ["乡镇（街道）名称", "行政村（社区）名称", "地域面积（平方公里）", "常住人口（万人）", "服务点所属机构名称", "服务点地址"]
        for (offset, text) in counts.enumerated() { cells.append(HeaderCell(text: text, row: 1, column: 2 + offset, rowSpan: 2, columnSpan: 1)) }
        for (offset, text) in facts.enumerated() { cells.append(HeaderCell(text: text, row: 1, column: 6 + offset, rowSpan: 2, columnSpan: 1)) }
        for task in ReportTask.allCases {
            cells.append(HeaderCell(text: task.label, row: 1, column: task.rawValue - 1, rowSpan: 2, columnSpan: 1))
        }
        return cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }()

    /// Each column's name with its groups (`服务点情况/服务点位置/经度`), for the CSV's one header row.
    public static let flatNames: [String] = (0..<columnCount).map { column in
        header.filter { $0.column <= column && column < $0.column + $0.columnSpan }
            .sorted { $0.row < $1.row }.map(\.text).joined(separator: "/")
    }

    /// 备注 1–5 of the attachment, with how this product applies note 3 to sums.
    public static let notes = [
        "1、乡（镇)、行政村、社区数量为民政局提供的时点数，如有变化，4、5、6列根据实际情况填报，并作说明。",
        "2、每个乡(镇)、行政村(社区)填一行。",
        "3、16-24列相关工作任务已经完成的填1，未完成填0或不填。小计、合计行为已完成的个数。",
        "4、16、17、24列按县填报，填在该县第一行，其它行不填。18-23列按服务点填报。",
        "5、本表按月填报，各乡(镇)在每月20日前汇总报送至县领导小组办公室（实施方案要求报送的要另外报送)。",
    ]
}

/// 工作任务 columns 16–24; the raw value is the column number.
public enum ReportTask: Int, CaseIterable, Sendable, Hashable, Codable {
    case plan = 16
    case mobilisation = 17
    case agreement = 18
    case training = 19
    case authorisation = 20
    case kiosk = 21
    case acceptance = 22
    case publicity = 23
    case subsidy = 24

    public var label: String {
        switch self {
        case .plan: "出台实施方案"
        case .mobilisation: "召开动员大会"
        case .agreement: "签订合作协议"
        case .training: "工作人员开展培训"
        case .authorisation: "工作人员授权"
        case .kiosk: "自助设备安装到位"
        case .acceptance: "完成验收并正式运行"
        case .publicity: "开展专题宣传"
        case .subsidy: "就业补助资金到位"
        }
    }

    /// Note 4: 16, 17 and 24 are the county's; 18–23 each service point's.
    public var isCountyTask: Bool { self == .plan || self == .mobilisation || self == .subsidy }

    /// Columns 18–23, answered per service point.
    public static let pointTasks = allCases.filter { !$0.isCountyTask }

    /// Tasks the system knows the answer to; the others are entered by township staff and reviewed by the county.
    public var isAutomatic: Bool {
        switch self {
        case .agreement, .training, .authorisation, .kiosk, .acceptance: true
        default: false
        }
    }

    /// Column 21 applies only to villages and communities (attachment 5 criterion 2: 自助设备仅要求行政村和社区配置).
    public func applies(to kind: ServicePointKind) -> Bool {
        self != .kiosk || kind == .village || kind == .community
    }
}
