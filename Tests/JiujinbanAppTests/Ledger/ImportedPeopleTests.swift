import ConsoleKit
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3: people an import registered are shown as imported; rows naming a registered person under
/// another name are counted for the business admin; the progress bar on standard error reaches 100% in both passes.
@Suite("insurance import: imported people shown as such, names differing from the registry counted, the progress bar")
struct ImportedPeopleTests {
    @Test("the citizen's page of someone an import registered says which file and when; a counter's registration says nothing")
    func importedMark() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .contributions, csv: InsuranceImportTests.contributions)
            let zhang = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let village = try await app.session(as: .villageOperator)
            let (status, page) = try await app.getPage(village, SiteURL.citizen(id: zhang).path)
            #expect(status == .ok)
            #expect(page.contains("来源：导入文件“contributions.csv”，时间2026-11-25 10:00"))
            let registered = try await RegistrationTests().citizen(app, village, TestIdentity.idNumber(birth: "19800101", sequence: 31))
            let (_, counterPage) = try await app.getPage(village, SiteURL.citizen(id: registered).path)
            #expect(!counterPage.contains("来源：导入文件"))
        }
    }

    @Test("rows naming a registered person under another name: the registered name kept, the rows counted in the summary and audit row")
    func differingName() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .contributions, csv: InsuranceImportTests.contributions)
            let renamed = InsuranceImportTests.person + ",year,type,grade,personal,subsidy,collective,arrived,arrived_on\n"
                + "1,140830199001011232,张三丰,140830100204,resident_basic,2023,正常,500,500,60,0,是,2023-06-30\n"
                + "1,140830199001011232,张三丰,140830100204,resident_basic,2025,正常,500,500,60,0,是,2025-06-30\n"
                + "1,11010519491231002X,李四,140830100000,resident_basic,2025,正常,200,200,35,0,是,2025-07-01\n"
            let summary = try await InsuranceImportTests.importFile(app, kind: .contributions, csv: renamed)
            #expect(summary == "已导入：读取 3 行，新增 2 行，更新 0 行，未变 1 行，新建人员 0 人，姓名与登记不符 2 行，保留登记姓名")
            #expect(try await InsuranceImportTests.citizen("140830199001011232", app)?.name == "张三")
            let details = try await (app.db as! any SQLDatabase).raw(
                "SELECT detail FROM audit_log WHERE action = 'insurance.import' ORDER BY seq").all()
                .map { try $0.decode(column: "detail", as: String.self) }
            #expect(details.count == 2)
            #expect(details.last?.hasSuffix("新建人员0，姓名与登记不符 2 行，保留登记姓名") == true)
            #expect(details.first?.contains("姓名与登记不符") == false)
        }
    }

    @Test("the progress bar reaches 100% for both passes, 校验 then 写入, each ending its line")
    func progressBar() async throws {
        try await TestApp.run { app in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("contributions.csv")
            try Data(InsuranceImportTests.contributions.utf8).write(to: file)
            let drawn = LockedLines()
            let account = try await InsuranceImportTests.admin(app).requireID()
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                "jiujinban", "import", "--kind", "contributions", "--file", file.path, "--operator", account.uuidString,
            ]))
            context.application = app
            try await InsuranceCommand(output: { _ in }, progress: ImportProgress { drawn.append($0) }).run(using: &context)
            let text = drawn.all.joined()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // Two bars, each on its own line ending in a newline.
            #expect(lines.count == 3 && lines.last == "")
            let check = try #require(lines.first.map { $0.split(separator: "\r").last.map(String.init) } ?? nil)
            let write = try #require(lines.dropFirst().first.map { $0.split(separator: "\r").last.map(String.init) } ?? nil)
            #expect(check == "[####################] 100% 校验 4 行")
            #expect(write == "[####################] 100% 写入 4 行")
        }
    }
}
