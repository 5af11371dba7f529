import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Issue 22, the wide table: the monthly table sits in a bounded scroll box whose header and name columns stay in
/// view (app.css), and every cell says which column group it folds with, so site.js can hide a group by one class
/// on the table. What is checked here is the markup those two rely on.
@Suite("The monthly table's markup for sticky headers and foldable column groups")
struct ReportTableViewTests {
    static func page() throws -> (html: String, rows: Int) {
        let point = { (kind: ServicePointKind, name: String, key: String) in
            ReportInput.Point(kind: kind, divisionName: name, areaCentiKm2: 1234, population: 12_345, institution: name + "党群服务中心",
                              address: name + "中心街1号", coordinate: GeoCoordinate(longitude: 110.5, latitude: 34.7)!,
                              farthestResidenceMeters: 2_350, tasks: ReportTasks([.authorisation: true]), key: key)
        }
        let table = MonthlyReportTable(cities: [ReportInput.City(name: "运城市", counties: [
            ReportInput.County(name: "芮城县", townships: [ReportInput.Township(name: "古魏镇", points: [
                point(.townshipCentre, "古魏镇", "p1"), point(.village, "令花村", "p2"),
            ])], tasks: [.plan: true]),
        ])], scope: .city)
        let result = MonthlyReportBuilder.Result(table: table, reasons: [:], scopeName: "运城市")
        let html = MonthlyReportPage.render(result, root: try DivisionCode("140800000000"), month: ReportMonth(year: 2026, month: 11)!,
                                        children: [], progress: ReportProgress(townships: [], counties: [], countyTasks: [:],
                                                                                 deadline: CalendarDate(year: 2026, month: 11, day: 20)!),
                                        reviews: false, context: ViewFixture.context).render()
        return (html, table.rows.count)
    }

    /// Each `<tr>` of the report table as its cells' opening tags' attributes.
    static func cellAttributes(_ html: String) -> [[String]] {
        guard let start = html.range(of: "id=\"report-table\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex)
        else { return [] }
        return String(html[start.upperBound..<end.lowerBound]).matches(of: /<tr[^>]*>(.*?)<\/tr>/).map { row in
            String(row.1).matches(of: /<t[dh]([^>]*)>/).map { String($0.1) }
        }
    }

    static func classes(_ attributes: String) -> Set<String> {
        guard let match = attributes.firstMatch(of: /class="([^"]*)"/) else { return [] }
        return Set(match.1.split(separator: " ").map(String.init))
    }

    @Test("a bounded, focusable scroll box around the table, and the toggles (hidden until site.js shows them)")
    func container() throws {
        let html = try Self.page().html
        #expect(html.contains("<div class=\"report-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"调度表"))
        #expect(html.contains("<table id=\"report-table\" class=\"data-table report-table\""))
        #expect(html.contains("<div class=\"column-toggles\" data-column-toggles=\"report-table\" hidden"))
        for group in MonthlyReportLayout.columnGroups {
            #expect(html.contains("<button type=\"button\" class=\"button small\" data-column-group=\"\(group.id)\" aria-expanded=\"true\">\(group.label)</button>"))
        }
        // No style attribute anywhere: the CSP allows no inline style.
        #expect(!html.contains("style="))
        // The table prints (A4 landscape, every column); the button itself stays off the paper.
        #expect(html.contains("<button type=\"button\" class=\"button small no-print\" data-print=\"page\">打印</button>"))
    }

    @Test("every body row and the column numbers carry each group's class on exactly that group's columns, names sticky")
    func bodyCells() throws {
        let page = try Self.page()
        let full = Self.cellAttributes(page.html).filter { $0.count == MonthlyReportLayout.columnCount }
        // The column numbers and every row of the table (city, county, township, two points).
        #expect(page.rows >= 4 && full.count == 1 + page.rows)
        for row in full {
            for (index, attributes) in row.enumerated() {
                let column = index + 1, classes = Self.classes(attributes)
                let expected = MonthlyReportLayout.group(ofColumn: column).map { "col-g-\($0.id)" }
                #expect(classes.filter { $0.hasPrefix("col-g-") } == Set([expected].compactMap { $0 }), "column \(column)")
                #expect(classes.contains("col-name") == MonthlyReportLayout.nameColumns.contains(column), "column \(column)")
                #expect(classes.contains("col-name-\(column)") == MonthlyReportLayout.nameColumns.contains(column))
            }
            for group in MonthlyReportLayout.columnGroups {
                #expect(row.filter { Self.classes($0).contains("col-g-\(group.id)") }.count == group.columns.count)
            }
        }
    }

    @Test("header cells: a cell within one group carries its class, a cell across groups says its spans for site.js")
    func headerCells() throws {
        let html = try Self.page().html
        for cell in MonthlyReportLayout.header {
            let match = try #require(html.firstMatch(of: try Regex("<th([^>]*)>\(cell.text)</th>")), "\(cell.text)")
            let attributes = String(match.output[1].substring ?? "")
            let spans = MonthlyReportLayout.spans(of: cell)
            if spans.count == 1 {
                #expect(Self.classes(attributes).contains(spans[0].group.map { "col-g-\($0.id)" } ?? "col-name"), "\(cell.text)")
                #expect(!attributes.contains("data-group-spans"))
            } else {
                #expect(cell.text == "服务点情况")
                #expect(attributes.contains("data-group-spans=\"-:2 facts:7\""))
            }
        }
    }

    @Test("调度表填报: the automatic columns explained above the table, the table in a scroll box with a sticky name column")
    func entryTable() throws {
        let point = ServicePointSummary(
            id: ViewFixture.id(30), code: "140830100201-01", divisionCode: "140830100201", townshipName: "古魏镇", divisionName: "令花村",
            kind: .village, name: "令花村服务点", institution: "令花村党群服务中心", address: "令花村1号", longitude: 110.69, latitude: 34.69,
            coordinatesAreDemo: false, farthestResidenceMeters: 1500, status: .active, disabledReason: nil, disabledOn: nil)
        let view = ReportEntryView(township: try DivisionCode("140830100000"), month: ReportMonth(year: 2026, month: 11)!,
                                   submission: .init(), exception: nil, points: [point], entries: [:], evidence: [:], reasons: [:],
                                   automatic: [:], refusal: nil, deadline: CalendarDate(year: 2026, month: 11, day: 20)!)
        let html = ReportEntryPage.render(view, error: nil, today: CalendarDate(year: 2026, month: 12, day: 3)!,
                                          page: ViewFixture.context).render()
        let explained = try #require(html.range(of: "18–22列由系统"))
        let table = try #require(html.range(of: "<table"))
        #expect(explained.lowerBound < table.lowerBound)
        #expect(html.contains("<div class=\"report-scroll entry-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"调度表填报"))
        #expect(html.contains("<td class=\"col-name\">令花村服务点</td>"))
        #expect(!html.contains("style="))
        #expect(html.contains("<button type=\"button\" class=\"button small no-print\" data-print=\"page\">打印</button>"))
    }
}
