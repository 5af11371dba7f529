import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("固定工求职登记 (item 1): acceptable places beside the maximum distance, offered from the county, kept and used by item 2")
struct JobSeekerPlacesTests {
    let jobs = FixedJobsTests()
    static let guwei = "140830100000", fenglingdu = "140830101000"

    @Test("the form offers the city, its counties and the county's townships; another city's place is refused with nothing written; a named place narrows the ranking")
    func places() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await jobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            #expect(try await jobs.posting(app, township, employer: employerID, title: "果品分拣员", occupation: "5-01",
                                           workplace: Self.guwei).0 == .seeOther)

            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            let form = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=1")
            #expect(form.0 == .ok && form.1.contains("可接受的工作地点（一）")
                    && form.1.contains("<option value=\"140800000000\">运城市（全市）</option><optgroup label=\"芮城县\">"
                                       + "<option value=\"140830000000\">芮城县（全县）</option>")
                    && form.1.contains("<option value=\"\(Self.fenglingdu)\">风陵渡镇</option>"))
            #expect(!form.1.contains("<option value=\"140830100201\">"))

            // 太原市 is another city: not offered, so refused (a neighbouring county of 运城市 would be offered).
            let elsewhere = try await jobs.accept(app, village, citizen: person, item: 1, [("place1", "140100000000"), ("education", "2")])
            #expect(elsewhere.0 == .unprocessableEntity && elsewhere.1.contains("可接受的工作地点“140100000000”不在可选范围内"))
            let (seekers, cases) = (try await JobSeekerRecord.query(on: app.db).count(), try await CaseRecord.query(on: app.db).count())
            #expect(seekers == 0 && cases == 0)

            // Only 风陵渡镇: the 古魏镇 posting is not recommended, however near.
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("place1", Self.fenglingdu), ("education", "2")]).0
                    == .seeOther)
            let seeker = try #require(try await JobSeekerRecord.find(citizen: person, on: app.db))
            #expect(seeker.places == Self.fenglingdu)
            let narrow = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(narrow.1.contains("<dt>工作地点</dt><dd>风陵渡镇</dd>") && narrow.1.contains("推荐岗位（0个）")
                    && !narrow.1.contains("果品分拣员"))

            // Registering again with both townships brings it back, saying why it qualifies.
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("place1", Self.fenglingdu), ("place2", Self.guwei),
                                                                                  ("occupation1", "5"), ("education", "2")]).0 == .seeOther)
            let wide = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(wide.1.contains("<dt>工作地点</dt><dd>风陵渡镇、古魏镇</dd>") && wide.1.contains("推荐岗位（1个）")
                    && wide.1.contains("果品分拣员") && wide.1.contains("在可接受的工作地点内"))
            // A whole major group is named as such, and its medium groups count as the right trade.
            #expect(wide.1.contains("<dt>求职工种</dt><dd>农、林、牧、渔业生产及辅助人员（整个大类）</dd>") && wide.1.contains("40/40"))
            #expect(try await app.getPage(village, "/jobs/seekers").1.contains("农、林、牧、渔业生产及辅助人员（整个大类）"))
            // The whole city takes in the county's postings.
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("place1", "140800000000"), ("education", "2")]).0 == .seeOther)
            let city = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(city.1.contains("<dt>工作地点</dt><dd>运城市</dd>") && city.1.contains("推荐岗位（1个）"))
        }
    }
}
