/// How the screen shows attachment 2's 24 columns at 1366 px: which columns name a row (they stay at the left while
/// the rest scrolls under them) and which groups of columns the reader may fold away. Printing and the exports
/// always carry every column; this only decides what the page offers.
extension MonthlyReportLayout {
    /// A group of columns that can be hidden together; `columns` are the attachment's column numbers (1-based).
    public struct ColumnGroup: Sendable, Equatable {
        /// Short and ASCII: it becomes part of a CSS class (`col-g-<id>`) and of the saved choice.
        public let id: String
        public let label: String
        public let columns: ClosedRange<Int>
    }

    /// The columns that name a row: 市 and 县、乡（镇） for the sum rows, 乡镇（街道）名称 and 行政村（社区）名称 for a
    /// point's row (a point's row leaves 1–6 blank, so 1–2 alone would not say whose row it is).
    public static let nameColumns: [Int] = [1, 2, 7, 8]

    /// The attachment's three top groups. 服务点情况 folds 9–15 only: its 7–8 are name columns, and a point's row
    /// without them could not be told from its neighbours.
    public static let columnGroups: [ColumnGroup] = [
        ColumnGroup(id: "counts", label: "服务点数量", columns: 3...6),
        ColumnGroup(id: "facts", label: "服务点情况", columns: 9...15),
        ColumnGroup(id: "tasks", label: "工作任务完成情况", columns: 16...24),
    ]

    /// The group a column (1-based) folds with, if any.
    public static func group(ofColumn column: Int) -> ColumnGroup? {
        columnGroups.first { $0.columns.contains(column) }
    }

    /// How many of a header cell's columns fall in each group, in column order; columns in no group count under
    /// nil. A cell inside one group answers one entry; 服务点情况 answers [(nil, 2), (facts, 7)], so a page can
    /// narrow its span when the group is folded.
    public static func spans(of cell: HeaderCell) -> [(group: ColumnGroup?, count: Int)] {
        var result: [(group: ColumnGroup?, count: Int)] = []
        for column in (cell.column + 1)...(cell.column + cell.columnSpan) {
            let group = group(ofColumn: column)
            if let last = result.last, last.group == group {
                result[result.count - 1].count += 1
            } else {
                result.append((group, 1))
            }
        }
        return result
    }
}
