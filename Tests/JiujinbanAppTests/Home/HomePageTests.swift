import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// Issue 22, deliverables 1 and 2: a home page per post that is a work page, with counts in the navigation, and
/// nothing on it the post may not open.
@Suite("首页 per post: the work of the post, counts in the navigation, every link opens (issue 22)")
struct HomePageTests {
    let engine = CaseEngineTests()

    static let roles: [DemoRole] = [
        .provinceSystemAdmin, .provinceBusinessAdmin, .taskForce, .provinceAuditor, .cityOfficer, .countySystemAdmin,
        .countyBusinessAdmin, .reviewer, .expert, .townshipOperator, .villageOperator, .communityOperator, .bankOperator,
    ]

    /// The headings and counts each post's home page must show, and those it must not.
    static func expected(_ role: DemoRole) -> (shows: [String], hides: [String]) {
        let search = "action=\"/citizens/lookup\""
        switch role {
        case .townshipOperator, .villageOperator, .communityOperator, .bankOperator:
            return ([search, "在办的办件（", "退回补正的办件（", "问题反映待确认"], ["<h2>待审核（", "服务点覆盖情况", "账号申请待"])
        case .reviewer:
            return (["<h2>待审核（", "服务点覆盖情况"], [search, "账号申请待", "调度表待审核"])
        case .countyBusinessAdmin:
            return (["待办事项", "问题反映待答复", "账号申请待审批", "账号申请待办理", "调度表待审核", "未通过验收的服务点",
                     "本月调度表已采用的乡镇", "服务点覆盖情况"], [search, "<h2>待审核（"])
        case .countySystemAdmin:
            return (["账号申请待审批", "账号申请待办理", "服务点覆盖情况"], [search, "问题反映待答复", "调度表待审核"])
        case .expert:
            return (["问题反映待答复"], [search, "账号申请待", "调度表待审核"])
        case .cityOfficer:
            return (["账号申请待汇总报送", "问题反映待答复", "本月调度表已采用的乡镇", "服务点覆盖情况"], [search, "账号申请待审批"])
        case .taskForce:
            return (["问题反映待答复", "本月调度表已采用的乡镇"], [search, "账号申请待"])
        case .provinceSystemAdmin:
            return (["账号申请待审批", "账号申请待办理"], [search, "问题反映待答复"])
        case .provinceBusinessAdmin:
            return (["账号申请待审批", "账号申请待办理", "本月调度表已采用的乡镇"], [search])
        case .provinceAuditor:
            return ([], [search, "待办事项", "服务点覆盖情况", "<h2>待审核（"])
        }
    }

    /// Every link of a page, unescaped, once.
    static func links(_ html: String) -> [String] {
        var seen: [String] = []
        for match in html.matches(of: /href="([^"]+)"/) {
            let link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
            if link.hasPrefix("/"), !seen.contains(link) { seen.append(link) }
        }
        return seen
    }

    @Test("each post's home page shows its own sections, and every link on it answers neither 403 nor 404")
    func everyPost() async throws {
        try await TestApp.run { app in
            for role in Self.roles {
                let session = try await app.session(as: role)
                let (status, html) = try await app.getPage(session, "/")
                #expect(status == .ok, "\(role)")
                let (shows, hides) = Self.expected(role)
                for text in shows { #expect(html.contains(text), "\(role) should see \(text)") }
                for text in hides { #expect(!html.contains(text), "\(role) should not see \(text)") }
                for link in Self.links(html) {
                    let (answer, _) = try await app.getPage(session, link)
                    #expect(answer != .forbidden && answer != .notFound, "\(role): \(link) answers \(answer.code)")
                }
            }
        }
    }

    /// The section of the home page headed `title`, up to the next heading.
    func section(_ page: String, _ title: String) -> String {
        guard let start = page.range(of: "<h2>" + title) else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "<h2")?.lowerBound ?? rest.endIndex)])
    }

    @Test("a case accepted at a village: on its operator's list and the reviewer's queue, masked, counted in the navigation; returned, it moves")
    func caseOnHomePages() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let (status, created) = try await engine.accept(app, village, citizen: citizenID, item: timed.seq)
            #expect(status == .seeOther)
            let id = try #require(created)
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            let point = try #require(try await ServicePoint.find(record.servicePointID, on: app.db))

            let operatorHome = try await app.getPage(village, "/").1
            let open = section(operatorHome, "在办的办件（1）")
            #expect(open.contains(record.number) && open.contains("王**") && open.contains(timed.name))
            #expect(!operatorHome.contains("王小明"))
            #expect(operatorHome.contains("<a href=\"/cases\">办件 <span class=\"badge\">待审核 1</span></a>"))
            #expect(section(operatorHome, "退回补正的办件（0）").contains("没有退回补正的办件"))

            let queue = section(try await app.getPage(reviewer, "/").1, "待审核（1）")
            #expect(queue.contains(record.number) && queue.contains("王**") && queue.contains(point.institution))
            #expect(try await app.getPage(reviewer, "/").1.contains("办件 <span class=\"badge\">待审核 1</span>"))
            // Another point's operator sees neither the case nor a count.
            let community = try await app.getPage(try await app.session(as: .communityOperator), "/").1
            #expect(!community.contains(record.number) && !community.contains("class=\"badge\">待审核"))

            #expect(try await engine.step(app, reviewer, id, [("action", "return"), ("missing", "户口簿原件")]) == .seeOther)
            let afterReturn = try await app.getPage(village, "/").1
            #expect(section(afterReturn, "退回补正的办件（1）").contains(record.number))
            #expect(section(afterReturn, "在办的办件（0）").contains("本服务点没有在办的办件"))
            #expect(afterReturn.contains("<span class=\"badge\">退回 1</span>") && !afterReturn.contains("待审核 1"))
            #expect(section(try await app.getPage(reviewer, "/").1, "待审核（0）").contains("没有等待您审核的办件"))
        }
    }

    @Test("服务指南 → 受理 → the person → the item's form; only for posts that may accept it")
    func guideStartsFromThePerson() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let timed = try await engine.item(app, timed: true)
            let guide = try await app.getPage(village, "/services/items/\(timed.seq)").1
            #expect(guide.contains("href=\"/citizens?item=\(timed.seq)\""))
            let admin = try await app.session(as: .countyBusinessAdmin)
            #expect(!(try await app.getPage(admin, "/services/items/\(timed.seq)").1.contains("/citizens?item=")))

            // A new person: the registration form keeps the item, and registering opens the item's form.
            let search = try await app.getPage(village, "/citizens?item=\(timed.seq)").1
            #expect(search.contains("name=\"item\" value=\"\(timed.seq)\""))
            let registrationPage = try await app.lookUpUnknown(village, CitizenRegistryTests.idNumber, item: timed.seq).1
            #expect(registrationPage.contains("name=\"item\" value=\"\(timed.seq)\""))
            var location = ""
            try await app.testing().test(.POST, "/citizens", headers: village.formHeaders,
                                         body: village.form(CitizenRegistryTests.registration() + [("item", String(timed.seq))])) { res in
                #expect(res.status == .seeOther)
                location = res.headers.first(name: .location) ?? ""
            }
            let citizen = try #require(try await CitizenRecord.query(on: app.db).first()?.requireID())
            #expect(location == "/cases/new?citizen=\(citizen.uuidString.lowercased())&item=\(timed.seq)")
            #expect(try await app.getPage(village, location).0 == .ok)

            // A known person, found again: straight to the form, and the lookup is recorded like any other.
            try await app.testing().test(.POST, "/citizens/lookup", headers: village.formHeaders,
                                         body: village.form([("id_number", CitizenRegistryTests.idNumber), ("item", String(timed.seq))])) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == location)
            }
            // An item that does not exist, or one the user may not accept (the reviewer accepts nothing), is ignored:
            // the person's page opens as usual.
            let reviewer = try await app.session(as: .reviewer)
            for (session, item) in [(village, "99"), (reviewer, String(timed.seq))] {
                try await app.testing().test(.POST, "/citizens/lookup", headers: session.formHeaders,
                                             body: session.form([("id_number", CitizenRegistryTests.idNumber), ("item", item)])) { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == "/citizens/\(citizen.uuidString.lowercased())")
                }
                let page = try await app.getPage(session, "/citizens/\(citizen.uuidString.lowercased())").1
                #expect(page.contains("<h2>服务事项</h2>") || page.contains("<h2>为其办理</h2>"))
            }
            let reviewerSearch = try await app.getPage(reviewer, "/citizens?item=\(timed.seq)").1
            #expect(!reviewerSearch.contains("name=\"item\""))
        }
    }

    @Test("the person's page: items by group with 受理 where allowed; an accepted item is marked 办理中 and linked")
    func personPageItems() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let grants = try await StaffDirectory.grants(of: village.accountID, on: app.db)
            let person = "/citizens/\(citizenID.uuidString.lowercased())"
            let before = try await app.getPage(village, person).1
            for name in ["我要找工作", "我要学技能", "我要办社保", "我要办社保卡"] { #expect(before.contains("<h3>\(name)</h3>")) }
            #expect(before.matches(of: /aria-label="受理：/).count == grants.filter { $0.action == .handle }.count)
            let id = try #require(try await engine.accept(app, village, citizen: citizenID, item: timed.seq).1)
            let after = try await app.getPage(village, person).1
            #expect(after.contains("href=\"/cases/\(id.uuidString.lowercased())\"") && after.contains(">办理中</a>"))
            // The reviewer serves citizens but accepts nothing: no 受理 at all.
            let review = try await app.getPage(try await app.session(as: .reviewer), person).1
            #expect(review.contains("<h2>服务事项</h2>") && !review.contains("aria-label=\"受理："))
        }
    }
}

/// Deliverable 2's cost: the navigation's counts are one read per page (`WorkCounts.read`, one SQL statement of scalar
/// subqueries), and none for a form's POST or a static file.
@Suite("Navigation counts: one read per page (issue 22)")
struct NavigationCountCostTests {
    @Test("the counts are read once per GET page, never for a POST or the stylesheet")
    func oncePerPage() async throws {
        try await TestApp.run { app in
            let calls = NIOLockedValueBox(0)
            let real = try #require(app.navigationBadges)
            app.navigationBadges = NavigationBadgeReader { staff, req in
                calls.withLockedValue { $0 += 1 }
                return try await real.read(staff, req)
            }
            let village = try await app.session(as: .villageOperator)
            _ = try await app.getPage(village, "/")
            #expect(calls.withLockedValue { $0 } == 1)
            _ = try await app.getPage(village, "/cases")
            #expect(calls.withLockedValue { $0 } == 2)
            _ = try await app.getPage(village, "/static/app.css")
            try await app.testing().test(.POST, "/citizens/lookup", headers: village.formHeaders,
                                         body: village.form([("id_number", "1")])) { res in #expect(res.status == .unprocessableEntity) }
            #expect(calls.withLockedValue { $0 } == 2)
        }
    }

    @Test("the home page lists the counts the navigation read, without reading them again")
    func homeUsesTheNavigationsCounts() async throws {
        try await TestApp.run { app in
            // A reader that keeps made-up counts: the page can only show 77 if it took them from the request.
            app.navigationBadges = NavigationBadgeReader { _, req in
                var counts = WorkCounts()
                counts.problemsToConfirm = 77
                req.workCounts = counts
                return counts.badges
            }
            let village = try await app.session(as: .villageOperator)
            let home = try await app.getPage(village, "/").1
            #expect(home.contains("问题反映待确认") && home.contains("77"))
        }
    }

    @Test("the province's coverage table counts every county's points in one grouped query, as each county's own count says")
    func coverageByCounty() async throws {
        try await TestApp.run { app in
            _ = try await addPingluCounty(app)
            let province = try await app.session(as: .provinceBusinessAdmin)
            let page = try await app.getPage(province, "/").1
            for (name, code) in [("芮城县", "140830000000"), ("平陆县", "140829000000")] {
                let expected = try await ServicePointQueries.counts(in: try DivisionCode(code), on: app.db)
                #expect(expected.total > 0)
                let cell = try #require(page.range(of: "\(name)</a></td><td class=\"num\"><strong>"), "\(name) has a row")
                #expect(page[cell.upperBound...].hasPrefix("\(expected.total)</strong>"), "\(name): \(expected.total) points")
            }
        }
    }
}
