import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("职业分类大典 2022: major and medium groups in the forms, the search and the ranking; the province's load command")
struct OccupationClassificationTests {
    let fixedJobs = FixedJobsTests()

    func occupations(_ app: Application) async throws -> [Occupation] { try await OccupationStore.all(on: app.db) }

    func load(_ app: Application, _ text: String) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("occupations-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "load", "--file", file.path]))
        context.application = app
        try await OccupationsCommand().run(using: &context)
    }

    @Test("a fresh database holds the 8 major and 79 medium groups; the posting form lists each medium group in its major group's optgroup")
    func seeded() async throws {
        try await TestApp.run { app in
            let list = try await occupations(app)
            #expect(list.count == 87)
            #expect(list == Occupation.edition2022)
            let township = try await app.session(as: .townshipOperator)
            #expect(try await fixedJobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            let form = try await app.getPage(township, "/jobs/employers/\(employerID.uuidString.lowercased())/postings")
            #expect(form.0 == .ok)
            let major = try #require(form.1.range(of: "<optgroup label=\"6 生产制造及有关人员\"><option value=\"6\">6 生产制造及有关人员（整个大类）"))
            let medium = try #require(form.1.range(of: "<option value=\"6-29\">6-29 建筑施工人员</option>"))
            let next = try #require(form.1.range(of: "<optgroup label=\"7 军队人员\">"))
            #expect(major.upperBound < medium.lowerBound && medium.upperBound < next.lowerBound)
        }
    }

    @Test("a posting names a medium group; an unknown one is refused with nothing written; search by major or medium group")
    func postingsByMediumGroup() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await fixedJobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            let unknown = try await fixedJobs.posting(app, township, employer: employerID, title: "瓦工", occupation: "6-32")
            #expect(unknown.0 == .unprocessableEntity && unknown.1.contains("不在职业分类中"))
            #expect(try await JobPostingRecord.query(on: app.db).count() == 0)

            #expect(try await fixedJobs.posting(app, township, employer: employerID, title: "瓦工", occupation: "6-29").0 == .seeOther)
            #expect(try await fixedJobs.posting(app, township, employer: employerID, title: "厨师", occupation: "4-03").0 == .seeOther)
            let mason = try #require(try await JobPostingRecord.query(on: app.db).filter(\.$title == "瓦工").first()?.requireID())
            #expect(try await app.getPage(township, "/jobs/postings/\(mason.uuidString.lowercased())").1.contains("6-29 建筑施工人员"))

            let village = try await app.session(as: .villageOperator)
            let byMajor = try await app.getPage(village, "/jobs/postings?occupation=6")
            #expect(byMajor.1.contains("共1个") && byMajor.1.contains("瓦工") && !byMajor.1.contains("厨师"))
            #expect(try await app.getPage(village, "/jobs/postings?occupation=6-29").1.contains("共1个"))
            #expect(!(try await app.getPage(village, "/jobs/postings?occupation=6-18").1.contains("瓦工")))
        }
    }

    @Test("the load command adds a later edition's group and renames one; a bad file is refused whole, naming each line")
    func loadCommand() async throws {
        try await TestApp.run { app in
            try await load(app, "代码,名称\n4-15,新增服务人员\n4-03,住宿和餐饮服务人员（新）\n")
            let list = try await occupations(app)
            #expect(list.count == 88)
            #expect(list.first { $0.code == "4-15" }?.name == "新增服务人员")
            #expect(list.first { $0.code == "4-03" }?.name == "住宿和餐饮服务人员（新）")
            let audited = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_log WHERE action = 'occupations.load'").all()
            #expect(try audited.map { try $0.decode(column: "detail", as: String.self) } == ["载入职业分类2条"])

            let refused = await #expect(throws: PublicError.self) { try await load(app, "4-16,好\n9-01,坏\n4-16,重复\n") }
            #expect(refused?.reason.contains("第2行：职业代码“9-01”应为中类代码") == true)
            #expect(refused?.reason.contains("第3行：职业代码“4-16”重复") == true)
            #expect(try await occupations(app).count == 88)
        }
    }
}
