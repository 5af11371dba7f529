import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Issue 22, deliverable 5: the place and occupation choosers of the forms, as the pages draw them.
@Suite("Choosers: places grouped township › village with the operator's own preselected on a new form, occupations by major group")
struct PlaceChooserFormTests {
    let jobs = FixedJobsTests()
    static let taian = "140830100204", guwei = "140830100000", monan = "140830102000"
    static let unknownPerson = "140830199001011232"

    /// The `<select name="…">` element of a page, up to its end tag.
    static func select(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<select name=\"\(name)\""), let end = html.range(of: "</select>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The values a select shows as chosen.
    static func selected(_ select: String) -> [String] {
        select.matches(of: /<option value="([^"]*)" selected="selected">/).map { String($0.1) }
    }

    /// The group labels of a select, in order.
    static func groups(_ select: String) -> [String] {
        select.matches(of: /<optgroup label="([^"]*)">/).map { String($0.1) }
    }

    /// An operator account at the township centre of 陌南镇, the county's third township.
    static func monanOperator(_ app: Application) async throws -> TestSession {
        let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == monan)
            .filter(\.$kind == ServicePointKind.townshipCentre.rawValue).first())
        return try await app.makeAccount(.operator, unit: .servicePoint(id: try point.requireID(), kind: .townshipCentre,
                                                                        divisionCode: try DivisionCode(monan)),
                                         idNumber: "140830199105050519", phone: "13903590099")
    }

    @Test("登记办事群众: a village operator's new form is grouped by township and starts on their own village for both places")
    func villageOperatorsNewForm() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let form = try await app.lookUpUnknown(village, Self.unknownPerson)
            #expect(form.0 == .ok && form.1.contains("尚未登记"))
            let residence = try #require(Self.select("residence_division", in: form.1))
            let hukou = try #require(Self.select("hukou_division", in: form.1))
            // Ten townships, each a group; the three 新村村委会 each in their own.
            #expect(Self.groups(residence).count == 10 && Self.groups(residence).first == "古魏镇")
            #expect(residence.contains("data-filter=\""))
            #expect(residence.components(separatedBy: ">新村村委会</option>").count == 4)
            for township in ["古魏镇", "永乐镇", "阳城镇"] {
                let group = try #require(residence.range(of: "<optgroup label=\"\(township)\">"))
                let end = try #require(residence.range(of: "</optgroup>", range: group.upperBound..<residence.endIndex))
                #expect(residence[group.upperBound..<end.lowerBound].contains(">新村村委会</option>"))
            }
            #expect(!residence.contains("value=\"\(Self.guwei)\""))
            #expect(Self.selected(residence) == [Self.taian] && Self.selected(hukou) == [Self.taian])
            // The household registration may name the county, loose, or a township, first in its group.
            #expect(hukou.contains("<option value=\"140830000000\">芮城县</option><optgroup label=\"古魏镇\"><option value=\"\(Self.guwei)\">古魏镇</option>"))
        }
    }

    @Test("登记办事群众: a township point's new form chooses no village, and lists its own township first")
    func townshipOperatorsNewForm() async throws {
        try await TestApp.run { app in
            let monan = try await Self.monanOperator(app)
            let form = try await app.lookUpUnknown(monan, Self.unknownPerson)
            #expect(form.0 == .ok)
            let residence = try #require(Self.select("residence_division", in: form.1))
            #expect(Self.groups(residence).prefix(3) == ["陌南镇", "古魏镇", "风陵渡镇"])
            let hukou = try #require(Self.select("hukou_division", in: form.1))
            #expect(Self.selected(residence).isEmpty && Self.selected(hukou).isEmpty)
        }
    }

    @Test("登记办事群众 refused: the submitted places are kept, another village's or none, never the operator's own")
    func refusedFormKeepsTheSubmittedPlaces() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let yaotou = "140830102204" // 陌南镇's 窑头村委会, not 古魏镇's
            var fields = CitizenRegistryTests.registration(Self.unknownPerson)
            fields[1] = ("name", "")
            fields[3] = ("hukou_division", "")
            fields[4] = ("residence_division", yaotou)
            let refused = try await app.post(village, "/citizens", fields)
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("姓名"))
            #expect(Self.selected(try #require(Self.select("residence_division", in: refused.1))) == [yaotou])
            #expect(Self.selected(try #require(Self.select("hukou_division", in: refused.1))).isEmpty)
            #expect(try await CitizenRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("招聘零工登记 (item 7): the new form starts on the operator's village; a refused one keeps the place submitted")
    func gigPostingPlace() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            let form = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=7")
            let place = try #require(Self.select("place", in: form.1))
            #expect(form.0 == .ok && Self.groups(place).count == 10 && Self.selected(place) == [Self.taian])
            #expect(place.contains("<option value=\"140830000000\">芮城县</option>"))

            let yongle = "140830104205"
            let refused = try await jobs.accept(app, village, citizen: person, item: 7, [("place", yongle), ("content", "")])
            #expect(refused.0 == .unprocessableEntity)
            #expect(Self.selected(try #require(Self.select("place", in: refused.1))) == [yongle])
            let cleared = try await jobs.accept(app, village, citizen: person, item: 7, [("place", ""), ("content", "")])
            let clearedPlace = try #require(Self.select("place", in: cleared.1))
            #expect(cleared.0 == .unprocessableEntity && Self.selected(clearedPlace).isEmpty)
        }
    }

    @Test("固定工求职登记 (item 1): occupations grouped by major group, places not chosen for the seeker")
    func jobSeekerForm() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            let form = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=1")
            let occupation = try #require(Self.select("occupation1", in: form.1))
            #expect(Self.groups(occupation) == Occupation.majorGroups.map { "\($0.code) \($0.name)" })
            #expect(occupation.contains("<optgroup label=\"4 社会生产服务和生活服务人员\"><option value=\"4\">4 社会生产服务和生活服务人员（整个大类）</option>"
                                        + "<option value=\"4-01\">4-01 批发与零售服务人员</option>"))
            #expect(occupation.contains("data-filter=\""))
            #expect(Self.selected(try #require(Self.select("place1", in: form.1))).isEmpty)
        }
    }

    @Test("用人单位 and 发布岗位: a township point chooses no division for a new employer; a posting starts at its employer's place")
    func employerAndPostingForms() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            let blank = try await app.getPage(township, "/jobs/employers/new")
            let division = try #require(Self.select("division", in: blank.1))
            #expect(blank.0 == .ok && Self.groups(division).count == 10 && Self.selected(division).isEmpty)

            #expect(try await jobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            let posting = try await app.getPage(township, "/jobs/employers/\(employerID.uuidString.lowercased())/postings")
            let workplace = try #require(Self.select("workplace", in: posting.1))
            #expect(Self.selected(workplace) == [Self.guwei] && Self.groups(workplace).first == "古魏镇")
            #expect(Self.groups(try #require(Self.select("occupation", in: posting.1))).count == 8)
        }
    }
}
