import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Issue 22, "permissions seen as links": every post, browsing from its home page, is shown only links it may open.
/// Each page a post reaches is read for its links (anchors and GET forms); every link is opened, and none may answer
/// 403 or 404. The browser tests (`scripts/browser-tests`) run the same check against the running server.
@Suite("Every link a post is shown opens for that post (issue 22)")
struct VisibleLinksTests {
    static let roles: [DemoRole] = [
        .provinceSystemAdmin, .provinceBusinessAdmin, .taskForce, .provinceAuditor, .cityOfficer, .countySystemAdmin,
        .countyBusinessAdmin, .reviewer, .expert, .townshipOperator, .villageOperator, .communityOperator, .bankOperator,
    ]

    @Test("no link on any page a post reaches from its home page answers 403 or 404", arguments: roles)
    func noDeadLinks(role: DemoRole) async throws {
        try await TestApp.run { app in
            try await Self.seedRecords(app)
            let session = try await app.session(as: role)
            let crawl = try await LinkCrawl(app: app, session: session).run(from: "/")
            #expect(crawl.opened > 20, "\(role) reached only \(crawl.opened) pages")
            #expect(crawl.capped == 0, "\(role): stopped at \(crawl.limit) pages with \(crawl.capped) links not opened")
            // The seeded records' own pages were opened, by the posts whose work they are.
            let reached: [DemoRole: [String]] = [
                .villageOperator: ["jobs/employers/{}", "jobs/postings/{}", "gigs/{}", "problems/{}", "cases/{}", "citizens/{}",
                                   "account-applications/{}"],
                .countyBusinessAdmin: ["job-fairs/{}", "policies/{}", "jobs/employers/{}", "account-applications/{}", "gigs/{}"],
                .taskForce: ["problems/{}"],
            ]
            for shape in reached[role] ?? [] {
                #expect(crawl.shapesOpened.contains(shape), "\(role) never opened a page of the shape \(shape)")
            }
            let listed = crawl.dead.prefix(30).joined(separator: "\n")
            #expect(crawl.dead.isEmpty, "\(role): \(crawl.dead.count) links answer 403/404:\n\(listed)")
        }
    }

    /// One record of every kind a post's pages link to, made as the posts make them, so the crawl opens their pages
    /// too: a person with cases (item 1 and a flexible-employment registration), an employer with a posting, a gig,
    /// a policy, a job fair, a problem report (which notifies its desk) and an account application.
    static func seedRecords(_ app: Application) async throws {
        let jobs = FixedJobsTests()
        let village = try await app.session(as: .villageOperator)
        let admin = try await app.session(as: .countyBusinessAdmin)
        let citizen = try await jobs.citizen(app, village)
        #expect(try await jobs.employer(app, village).0 == .seeOther)
        let employer = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
        #expect(try await jobs.posting(app, village, employer: employer, title: "果品分拣工").0 == .seeOther)
        #expect(try await RegistrationTests().flexible(app, village, citizen: citizen).0 == .seeOther)
        #expect(try await GigWorkTests().post(app, village, recruiter: citizen).0 == .seeOther)
        #expect(try await PoliciesAppTests().enter(app, admin, title: "关于做好一次性创业补贴发放工作的通知", body: "符合条件的创业人员可申领。").0
                == .seeOther)
        #expect(try await app.post(admin, "/job-fairs", jobFairFields()).0 == .seeOther)
        #expect(try await ProblemTypedWorkTests().post(app, village, key: UUID().uuidString.lowercased(), description: "页面错位",
                                                       files: []).0 == .seeOther)
        #expect(try await app.fileApplication(village, ApplicationFixtures.contact() + ApplicationFixtures.newAccount(0, name: "张小红")).1
                != nil)
    }

    @Test("a link is drawn where the route's guard admits the user and a division page lies in the user's scope")
    func mayOpenFollowsTheRoutes() async throws {
        try await TestApp.run { app in
            func context(_ post: Post, _ unit: OrgUnit) -> PageContext {
                PageContext(holdsDemoData: true, user: PageContext.User(name: "测试", post: post, unitName: "测试单位"),
                            capabilities: Capability.granted(to: post, grants: [], at: unit), routes: app.routeGuards,
                            scope: unit.scope)
            }
            let county = try DivisionCode("140830000000"), village = try DivisionCode("140830100204")
            let auditor = context(.auditor, .department(try DivisionCode("140000000000")))
            let reviewer = context(.reviewer, .department(county)), admin = context(.businessAdmin, .department(county))
            let villageOperator = context(.operator, .servicePoint(id: UUID(), kind: .village, divisionCode: village))
            #expect(auditor.mayOpen(.auditLog()) && !auditor.mayOpen(.jobPostings()) && !auditor.mayOpen(.jobSeekers()))
            #expect(!auditor.mayOpen(.division(code: county.value)), "the auditor does not view divisions")
            #expect(reviewer.mayOpen(.jobSeekers()) && reviewer.mayOpen(.gigWorkers()))
            #expect(admin.mayOpen(.jobPostings()) && !admin.mayOpen(.jobSeekers()) && !admin.mayOpen(.gigWorkers()))
            #expect(admin.mayOpen(.division(code: village.value)) && !admin.mayOpen(.division(code: "140800000000")))
            #expect(villageOperator.mayOpen(.division(code: village.value)))
            #expect(!villageOperator.mayOpen(.division(code: county.value)))
            #expect(!villageOperator.mayOpen(.monthlyReportEntry()))
            #expect(reviewer.mayOpen(.home) && !reviewer.mayOpen(SiteURL(["no", "such-page"], "/no/such-page")))
            let nobody = PageContext(holdsDemoData: true, routes: app.routeGuards)
            #expect(nobody.mayOpen(.login) && !nobody.mayOpen(.home))
        }
    }

    @Test("a village operator is not offered 调度表填报, which its township enters; the township operator is")
    func monthlyEntryOnlyForTheTownship() async throws {
        try await TestApp.run { app in
            for (role, offered) in [(DemoRole.villageOperator, false), (.communityOperator, false), (.bankOperator, false),
                                    (.townshipOperator, true)] {
                let session = try await app.session(as: role)
                try await app.testing().test(.GET, "/", headers: session.headers) { res in
                    #expect(res.body.string.contains("调度表填报") == offered, "\(role)")
                }
                try await app.testing().test(.GET, "/reports/monthly/entry", headers: session.headers) { res in
                    #expect((res.status == .ok) == offered, "\(role): \(res.status)")
                }
            }
        }
    }
}

/// Breadth first over the links of the pages one session is shown, a few pages of each shape, remembering on which
/// page each link was seen. Sign-in, sign-out and the development simulator are left out; every GET route only reads.
struct LinkCrawl {
    let app: Application
    let session: TestSession
    var limit = 250
    var perShape = 3
    private(set) var opened = 0
    private(set) var dead: [String] = []
    /// The shapes of the pages opened (`/jobs/postings/{}`), to say which kinds of record the crawl reached.
    private(set) var shapesOpened: Set<String> = []
    /// Links still waiting when the crawl stopped at `limit`: a crawl that did not finish proves nothing of them.
    private(set) var capped = 0

    init(app: Application, session: TestSession) {
        self.app = app
        self.session = session
    }

    static let skipped = ["/login", "/logout", "/dev/"]

    func run(from start: String) async throws -> LinkCrawl {
        var crawl = self
        var queue = [start], seen: Set<String> = [start], shapes: [String: Int] = [:]
        var shownOn: [String: [String]] = [start: ["(起点)"]]
        var status: [String: UInt] = [:]
        while !queue.isEmpty, crawl.opened < limit {
            let path = queue.removeFirst()
            crawl.opened += 1
            crawl.shapesOpened.insert(Self.shape(of: path))
            var code: UInt = 0, type = "", body = ""
            try await app.testing().test(.GET, path, headers: session.headers) { res in
                code = res.status.code
                type = res.headers.contentType?.description ?? ""
                body = res.body.string
            }
            status[path] = code
            guard code == 200, type.hasPrefix("text/html") else { continue }
            for link in Self.links(in: body) {
                guard let target = Self.sameSite(link) else { continue }
                shownOn[target, default: []].append(path)
                guard seen.insert(target).inserted else { continue }
                let shape = Self.shape(of: target)
                shapes[shape, default: 0] += 1
                if shapes[shape]! <= perShape { queue.append(target) }
            }
        }
        crawl.capped = queue.count
        for (path, code) in status.sorted(by: { $0.key < $1.key }) where code == 403 || code == 404 {
            let pages = Array(Set(shownOn[path] ?? [])).sorted()
            crawl.dead.append("\(pages.prefix(3).joined(separator: ", ")) → \(path): \(code)")
        }
        return crawl
    }

    /// The targets of anchors and of GET forms (a search form is a way in too).
    static func links(in body: String) -> [String] {
        let anchors = body.matches(of: /<a [^>]*href="([^"]*)"/).map { String($0.1) }
        let forms = body.matches(of: /<form [^>]*>/).compactMap { match -> String? in
            let tag = String(match.0)
            guard !tag.contains(#"method="post""#), let action = tag.firstMatch(of: /action="([^"]*)"/) else { return nil }
            return String(action.1)
        }
        return (anchors + forms).map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// The path with ids and division codes as placeholders, so the 40 service guides (`/services/items/7`) are 40
    /// shapes while 171 service points are one; the query is left out.
    static func shape(of path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return bare.split(separator: "/").map { segment in
            UUID(uuidString: String(segment)) != nil || (segment.count >= 6 && segment.allSatisfy(\.isNumber)) ? "{}" : String(segment)
        }.joined(separator: "/")
    }

    static func sameSite(_ href: String) -> String? {
        guard href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
        let path = String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard !path.isEmpty, !skipped.contains(where: path.hasPrefix) else { return nil }
        return path
    }
}
