import Foundation
import JiujinbanRules
import Testing

private func point(_ kind: ServicePointKind, _ name: String, tasks: [ReportTask: Bool] = [:]) -> ReportInput.Point {
    ReportInput.Point(kind: kind, divisionName: name, areaCentiKm2: 1234, population: 12_345, institution: name + "党群服务中心",
                      address: name + "中心街1号", coordinate: GeoCoordinate(longitude: 110.5, latitude: 34.7)!,
                      farthestResidenceMeters: 2_350, tasks: ReportTasks(tasks))
}

private let sample: [ReportInput.City] = [
    ReportInput.City(name: "运城市", counties: [
        ReportInput.County(name: "芮城县", townships: [
            ReportInput.Township(name: "古魏镇", points: [
                point(.townshipCentre, "古魏镇", tasks: [.authorisation: true, .kiosk: true, .acceptance: true]),
                point(.village, "令花村", tasks: [.authorisation: true, .kiosk: true]),
                point(.community, "东关社区", tasks: [.authorisation: true]),
                point(.bankBranch, "古魏网点"),
            ]),
            ReportInput.Township(name: "南磑镇", points: [point(.townshipCentre, "南磑镇"), point(.village, "南磑村")]),
        ], tasks: [.plan: true, .mobilisation: true, .subsidy: false]),
        ReportInput.County(name: "平陆县", townships: [
            ReportInput.Township(name: "圣人涧镇", points: [point(.townshipCentre, "圣人涧镇", tasks: [.authorisation: true])]),
        ], tasks: [.plan: true]),
    ]),
]

@Suite("服务点情况及工作任务调度表 (attachment 2)")
struct MonthlyReportTableTests {
    @Test("24 columns, each under exactly one bottom header cell, numbered and grouped as the attachment")
    func layout() {
        var covered = Array(repeating: 0, count: 24)
        for cell in MonthlyReportLayout.header where cell.row + cell.rowSpan == MonthlyReportLayout.headerRowCount {
            for column in cell.column..<(cell.column + cell.columnSpan) { covered[column] += 1 }
        }
        #expect(covered == Array(repeating: 1, count: 24))
        #expect(MonthlyReportLayout.flatNames[0] == "市")
        #expect(MonthlyReportLayout.flatNames[2] == "服务点数量/合计（个）")
        #expect(MonthlyReportLayout.flatNames[12] == "服务点情况/服务点位置/经度")
        #expect(MonthlyReportLayout.flatNames[19] == "工作任务完成情况/工作人员授权")
        #expect(ReportTask.allCases.map(\.rawValue) == Array(16...24))
        #expect(ReportTask.allCases.filter(\.isCountyTask) == [.plan, .mobilisation, .subsidy])
    }

    @Test("on screen: every column either names the row or folds with exactly one group, each under its top header")
    func columnGroups() {
        let names = Set(MonthlyReportLayout.nameColumns)
        for column in 1...MonthlyReportLayout.columnCount {
            let groups = MonthlyReportLayout.columnGroups.filter { $0.columns.contains(column) }
            #expect(groups.count == (names.contains(column) ? 0 : 1), "column \(column)")
        }
        for group in MonthlyReportLayout.columnGroups {
            // The top header cell of the same name spans every column of the group.
            let top = MonthlyReportLayout.header.first { $0.row == 0 && $0.text == group.label }
            #expect(top.map { ($0.column + 1)...($0.column + $0.columnSpan) }.map { $0.clamped(to: group.columns) == group.columns } == true,
                    "\(group.label)")
        }
        #expect(MonthlyReportLayout.columnGroups.map(\.columns.count) == [4, 7, 9])
        let facts = MonthlyReportLayout.header.first { $0.text == "服务点情况" }!
        #expect(MonthlyReportLayout.spans(of: facts).map { [$0.group?.id ?? "-", String($0.count)] } == [["-", "2"], ["facts", "7"]])
        let longitude = MonthlyReportLayout.header.first { $0.text == "经度" }!
        #expect(MonthlyReportLayout.spans(of: longitude).map { $0.group?.id } == ["facts"])
    }

    @Test("rows: province total, city, county subtotal with its own tasks, townships, points; banks are not rows")
    func rows() throws {
        let table = MonthlyReportTable(cities: sample)
        #expect(table.rows.map(\.kind) == [.provinceTotal, .cityTotal, .countySubtotal, .township, .point, .point, .point,
                                           .township, .point, .point, .countySubtotal, .township, .point])
        let county = try #require(table.row(named: "芮城县小计"))
        #expect(county.cells[2...5].map(\.text) == ["5", "2", "2", "1"])
        #expect(county.cells[6...14].allSatisfy { $0 == .notApplicable })
        // 16, 17, 24 are the county's own answers; 18–23 count the points done.
        #expect(county.cells[15] == .flag(true) && county.cells[16] == .flag(true) && county.cells[23] == .flag(false))
        #expect(county.cells[19] == .number(3) && county.cells[20] == .number(1) && county.cells[21] == .number(1))
        let guwei = try #require(table.row(named: "古魏镇"))
        #expect(guwei.cells[2...5].map(\.text) == ["3", "1", "1", "1"] && guwei.cells[15] == .empty)
        // A township point is not asked for a kiosk: column 21 reads "/" even when one was registered.
        let townshipPoint = table.rows[4]
        #expect(townshipPoint.cells[6] == .text("古魏镇") && townshipPoint.cells[7] == .text("古魏镇"))
        #expect(townshipPoint.cells[20] == .notApplicable && townshipPoint.cells[19] == .flag(true) && townshipPoint.cells[15] == .empty)
        #expect(townshipPoint.cells[8] == .decimal("12.34") && townshipPoint.cells[9] == .decimal("1.23"))
        #expect(townshipPoint.cells[14] == .text("2.4公里") && townshipPoint.cells[12].text.hasPrefix("东经"))
        let province = table.rows[0]
        #expect(province.cells[1] == .text("全省合计") && province.cells[2...5].map(\.text) == ["6", "3", "2", "1"])
        #expect(province.cells[15] == .number(2) && province.cells[23] == .number(0) && province.cells[19] == .number(4))
        #expect(table.rows[1].cells[0] == .text("运城市（2）"))
        #expect(table.cityRowSpans.map(\.rows) == [1...12])
    }

    @Test("the CSV carries the table's rows cell for cell")
    func csv() {
        let table = MonthlyReportTable(cities: sample)
        let csv = table.csv
        #expect(csv.rows.count == table.rows.count)
        #expect(csv.rows == table.rows.map { $0.cells.map(\.text) })
        #expect(csv.header[0] == "1 市" && csv.header[23] == "24 工作任务完成情况/就业补助资金到位")
    }

    @Test("the Excel sheet: title, header line, merged three-level header, numbers, city merged down, notes")
    func workbook() throws {
        let table = MonthlyReportTable(cities: sample)
        let book = table.workbook(unit: "芮城县人社局", month: "2026-11")
        let ranges = Set(book.merged.map(\.reference))
        #expect(ranges.isSuperset(of: ["A1:X1", "A3:A5", "B3:B5", "C3:F3", "G3:O3", "P3:X3", "M4:O4", "C4:C5", "P4:P5"]))
        // Data starts on row 7 (title, header line, three header rows, numbers); the city spans rows 8–19.
        #expect(ranges.contains("A8:A19"))
        #expect(book.rows[5].map { cell -> String in if case .text(let t) = cell { t } else { "" } } == (1...24).map(String.init))
        let files = try #require(ZipArchive.read(book.bytes))
        let sheet = String(decoding: try #require(files["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(sheet.contains("芮城县小计") && sheet.contains("最远居民区距服务点距离") && sheet.contains("每月20日前"))
        #expect(sheet.contains("<c r=\"C9\" s=\"2\"><v>5</v></c>"))
    }
}
