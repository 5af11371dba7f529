import Foundation
@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

/// Issue 19, finding 6: text that people typed must never become markup, whichever page shows it and however the
/// page writes it (between tags, in an attribute, in `<title>`). Hostile text goes into every free-text field, then
/// every post browses every page it can reach from the home page, and each page is read by a strict parser.
@Suite("Hostile text in every field stays text on every page (issue 19, finding 6)")
struct HostileTextCrawlTests {
    static let roles: [DemoRole] = [
        .provinceSystemAdmin, .provinceBusinessAdmin, .taskForce, .provinceAuditor, .cityOfficer, .countySystemAdmin,
        .countyBusinessAdmin, .reviewer, .expert, .townshipOperator, .villageOperator, .communityOperator, .bankOperator,
    ]

    @Test("every page every post reaches parses strictly, with no handler, no stray attribute and no inline script")
    func crawl() async throws {
        try await TestApp.run(clock: .fixed(HostileText.now)) { app in
            try await HostileText.seed(app)
            var report = CrawlReport()
            for role in Self.roles {
                let session = try await app.session(as: role)
                try await Crawler(app: app, session: session, role: "\(role)").run(from: Self.startPages, into: &report)
            }
            // The pages the finding names, as the posts that see them.
            let township = try await app.session(as: .townshipOperator)
            let entry = try await report.visit(app, township, "/reports/monthly/entry", role: "townshipOperator")
            #expect(entry.contains { $0.name == "input" && HostileText.payloads.contains(where: ($0.attribute("aria-label") ?? "").contains) },
                    "the entry page's aria-labels carry the point's hostile name as text")
            let county = try await app.session(as: .countyBusinessAdmin)
            let progress = try await report.visit(app, county, "/reports/monthly?month=2026-11", role: "countyBusinessAdmin")
            #expect(progress.contains { ($0.attribute("aria-label") ?? "") == "古魏镇\(HostileText.payloads[0])退回原因" },
                    "the progress page names the township, hostile name and all, in an aria-label")

            // Item 17's start page, which the person's page reaches through a redirect (`ServiceItem.startPage`).
            let learner = try #require(try await TrainingIntentionRecord.query(on: app.db).first()?.citizenID)
            let ranked = try await report.visit(app, try await app.session(as: .villageOperator),
                                                "/training/recommend/\(learner.uuidString.lowercased())", role: "villageOperator")
            #expect(!ranked.isEmpty)

            let listed = report.failures.prefix(80).joined(separator: "\n")
            if !report.failures.isEmpty { Issue.record("\(report.failures.count) problems:\n\(listed)") }
            // The crawl reached the hostile text (else it proves nothing): it shows as text on many pages.
            #expect(report.pagesShowingPayload > 50, "hostile text shown as text on only \(report.pagesShowingPayload) pages")
            #expect(report.visited.count > 200, "only \(report.visited.count) pages visited")
            #expect(report.titlesWithPayload > 5, "hostile names in only \(report.titlesWithPayload) titles")
            let shapes = Set(report.visited.map { Crawler.shape(of: String($0.split(separator: " ")[1])) })
            #expect(Self.mustReach.subtracting(shapes).isEmpty, "never reached: \(Self.mustReach.subtracting(shapes).sorted())")
        }
    }

    /// The home page, and the lists of what people enter, for the posts whose navigation does not link them.
    static let startPages = [
        "/", "/archive-offices", "/job-fairs", "/jobs/employers", "/jobs/postings", "/jobs/seekers", "/gigs", "/gigs/workers",
        "/policies", "/service-points", "/reports/monthly", "/reports/monthly/entry", "/problems", "/account-applications",
        "/notifications", "/my-account",
    ]

    /// Page shapes that hold the stored text (the finding's pages among them); the crawl must have read each.
    static let mustReach: Set<String> = [
        "/archive-offices/{}?", "/archive-offices/{}/edit?", "/job-fairs/{}?", "/jobs/employers/{}?", "/jobs/postings/{}?",
        "/gigs/{}?", "/policies/{}?", "/service-points/{}?", "/service-points/{}/edit?", "/service-points/{}/acceptance?",
        "/divisions/{}?", "/accounts/{}?", "/citizens/{}?", "/cases/{}?", "/problems/{}?", "/account-applications/{}?",
        "/account-applications/{}/print?", "/reports/monthly/entry?", "/reports/monthly?", "/reports/map?county", "/notifications?",
        "/training/recommend/{}?", "/training/recommendation-print/{}?",
        "/training/institutions/{}?", "/training/institutions/{}/edit?", "/training/hardship?", "/training/monitoring-list?",
        "/training/follow-ups/{}?",
    ]
}

struct CrawlReport {
    /// "role path" of every page fetched.
    var visited: Set<String> = []
    var failures: [String] = []
    var pagesShowingPayload = 0
    var titlesWithPayload = 0

    /// Fetches and checks one page; returns its elements (none when it is not HTML or did not parse).
    mutating func visit(_ app: Application, _ session: TestSession, _ path: String, role: String) async throws -> [StrictHTML.Element] {
        visited.insert(role + " " + path)
        var status = HTTPStatus.ok, type = "", body = ""
        try await app.testing().test(.GET, path, headers: session.headers) { res in
            status = res.status
            type = res.headers.contentType?.description ?? ""
            body = res.body.string
        }
        if status.code >= 500 { failures.append("\(role) \(path): \(status.code)") }
        guard type.hasPrefix("text/html") else { return [] }
        let page: StrictHTML
        do {
            page = try StrictHTML(body)
        } catch {
            failures.append("\(role) \(path): \(error)")
            return Self.looseLinks(body)
        }
        for element in page.elements {
            for problem in PageMarkupRules.problems(element) { failures.append("\(role) \(path): \(problem)") }
        }
        // Escaped twice shows the reference itself; no payload holds one.
        for twice in ["&amp;amp;", "&amp;quot;", "&amp;#39;", "&amp;lt;", "&amp;gt;"] where body.contains(twice) {
            failures.append("\(role) \(path): escaped twice (\(twice))")
        }
        if HostileText.payloads.contains(where: page.text.contains) { pagesShowingPayload += 1 }
        if let title = page.elements.first(where: { $0.name == "title" }), HostileText.payloads.contains(where: title.content.contains) {
            titlesWithPayload += 1
        }
        return page.elements
    }

    /// The links of a page that did not parse, read loosely, so that one broken page does not end the crawl.
    static func looseLinks(_ body: String) -> [StrictHTML.Element] {
        body.matches(of: /href="([^"]*)"/).map { match in
            let href = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
            return StrictHTML.Element(name: "a", attributes: [("href", href)], inSVG: false)
        }
    }
}

/// Follows every same-site GET link breadth first, a few pages of each shape (`/service-points/{id}` is one shape),
/// at most `limit` pages per post. Downloads, files and sign-in pages are left out.
struct Crawler {
    let app: Application
    let session: TestSession
    let role: String
    var limit = 400
    var perShape = 3
    /// Shapes read more often: a case page draws what its item added (`ServiceItem.caseRecord`) and links the item's
    /// own pages (item 17's printed list, item 18's follow-up), so a few cases of one item must not hide the others.
    static let wideShapes = ["/cases/{}?": 12]

    static let skipped = ["/static/", "/export", "/screenshots/", "/photos/", "/evidence/", "/api/", "/healthz", "/login",
                          "/logout", "/dev/"]

    func run(from start: [String], into report: inout CrawlReport) async throws {
        var queue = start, seen = Set(start), shapes: [String: Int] = [:], count = 0
        while !queue.isEmpty, count < limit {
            let path = queue.removeFirst()
            let shape = Self.shape(of: path)
            if shapes[shape, default: 0] >= Self.wideShapes[shape, default: perShape] { continue }
            shapes[shape, default: 0] += 1
            count += 1
            let elements = try await report.visit(app, session, path, role: role)
            for element in elements where element.name == "a" {
                guard let href = element.attribute("href"), let link = Self.sameSite(href), !seen.contains(link) else { continue }
                seen.insert(link)
                queue.append(link)
            }
        }
    }

    static func sameSite(_ href: String) -> String? {
        guard href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
        let path = String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard !path.isEmpty, !skipped.contains(where: path.contains),
              ![".xlsx", ".csv", ".json", ".png", ".jpg"].contains(where: path.hasSuffix) else { return nil }
        return path
    }

    /// The path with ids and numbers as placeholders and the query reduced to its keys.
    static func shape(of path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/").map { segment -> String in
            if UUID(uuidString: String(segment)) != nil || segment.allSatisfy(\.isNumber) { return "{}" }
            return String(segment)
        }
        let keys = parts.count > 1 ? parts[1].split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }.sorted() : []
        return "/" + segments.joined(separator: "/") + "?" + keys.joined(separator: "&")
    }
}
