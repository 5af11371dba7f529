/// The report table as CSV and as Excel, with the same rows as the page.
extension MonthlyReportTable {
    /// One header row of flattened column names, then every row; `/` and blanks as on the form.
    public var csv: CSVTable {
        var table = CSVTable(header: MonthlyReportLayout.flatNames.enumerated().map { "\($0.offset + 1) \($0.element)" })
        for row in rows { table.append(row.cells.map(\.text)) }
        return table
    }

    /// The attachment's layout: title, the 报送单位 and 负责人签名 line, the three header rows with their merges, the row
    /// of column numbers, the rows (each city's name merged down column 1), and the notes.
    public func workbook(unit: String, month: String) -> XLSXWorkbook {
        var book = XLSXWorkbook(sheetName: "调度表")
        let width = MonthlyReportLayout.columnCount
        book.appendHeader([MonthlyReportLayout.title + "（\(month)）"] + Array(repeating: "", count: width - 1))
        book.merge(.init(rows: 0...0, columns: 0...(width - 1)))
        book.append([.text("报送单位(公章)：\(unit)")] + Array(repeating: .empty, count: 14)
                     + [.text("县、乡（镇）专项行动负责人(签名)：")] + Array(repeating: .empty, count: 8))
        book.merge(.init(rows: 1...1, columns: 0...14))
        book.merge(.init(rows: 1...1, columns: 15...(width - 1)))
        let top = 2
        var grid = Array(repeating: Array(repeating: "", count: width), count: MonthlyReportLayout.headerRowCount)
        for cell in MonthlyReportLayout.header {
            grid[cell.row][cell.column] = cell.text
            if cell.rowSpan > 1 || cell.columnSpan > 1 {
                book.merge(.init(rows: (top + cell.row)...(top + cell.row + cell.rowSpan - 1),
                                 columns: cell.column...(cell.column + cell.columnSpan - 1)))
            }
        }
        grid.forEach { book.appendHeader($0) }
        book.appendHeader((1...width).map(String.init))
        let first = top + MonthlyReportLayout.headerRowCount + 1
        for row in rows {
            book.append(row.cells.map { cell in
                switch cell {
                case .number(let value): .number(Double(value))
                case .flag(let done): .number(done ? 1 : 0)
                case .empty: .empty
                default: .text(cell.text)
                }
            })
        }
        for span in cityRowSpans where span.rows.count > 1 {
            book.merge(.init(rows: (first + span.rows.lowerBound)...(first + span.rows.upperBound), columns: 0...0))
        }
        book.append([.text("备注：")] + Array(repeating: .empty, count: width - 1))
        for note in MonthlyReportLayout.notes {
            let row = book.rows.count
            book.append([.text(note)] + Array(repeating: .empty, count: width - 1))
            book.merge(.init(rows: row...row, columns: 0...(width - 1)))
        }
        let widths = [8, 14, 6, 6, 6, 6, 10, 12, 9, 9, 20, 18, 14, 14, 10]
        for column in 0..<width { book.columnWidths[column] = Double(column < widths.count ? widths[column] : 7) }
        return book
    }
}
