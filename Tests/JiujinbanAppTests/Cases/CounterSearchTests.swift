import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("items 3, 6, 9, 12, 14, 15: a search done for a citizen at the counter is recorded as the citizen's case")
struct CounterSearchTests {
    /// The value of the first hidden input `name` on a page, unescaped.
    func hidden(_ name: String, in page: String) -> String? {
        guard let match = page.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\"")),
              let value = match.output[1].substring else { return nil }
        return String(value).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("each search item starts on its search page for the person; the panel records the search as an instant case with its filters")
    func searchesBecomeCases() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await FixedJobsTests().citizen(app, village)
            let citizen = person.uuidString.lowercased()
            let grants = try await StaffDirectory.grants(of: village.accountID, on: app.db)
            let pages = [3: "/jobs/postings", 6: "/gigs", 9: "/gigs/workers", 12: "/policies", 14: "/job-fairs", 15: "/archive-offices"]
            for (seq, path) in pages.sorted(by: { $0.key < $1.key }) {
                #expect(grants.contains(.handle(seq)), "item \(seq)")
                let item = try #require(app.jiujinban.catalogue.items.first { $0.seq == seq })
                // The person's page starts the item on its search page, for the person.
                var location = ""
                try await app.testing().test(.GET, "/cases/new?citizen=\(citizen)&item=\(seq)", headers: village.headers) { res in
                    #expect(res.status == .seeOther)
                    location = res.headers.first(name: .location) ?? ""
                }
                #expect(location == "\(path)?citizen=\(citizen)", "item \(seq)")
                // Without the person the page is a staff lookup and records nothing.
                #expect(!(try await app.getPage(village, path).1.contains("办结本次查询")))

                let query = seq == 12 ? "&q=补贴" : ""
                let page = try await app.getPage(village, location + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
                #expect(page.0 == .ok, "item \(seq)")
                #expect(page.1.contains("为办事群众王**办理：\(item.name)"), "item \(seq)")
                // The search form keeps the person for the next search.
                #expect(page.1.contains("<input type=\"hidden\" name=\"citizen\" value=\"\(citizen)\"/>"), "item \(seq)")
                let note = try #require(hidden("note", in: page.1))
                #expect(note.hasPrefix("查询条件："), "item \(seq)")
                #expect(seq == 12 ? note == "查询条件：q=补贴；0件" : note.hasPrefix("查询条件：不限；"), "item \(seq): \(note)")

                let before = try await CaseRecord.query(on: app.db).filter(\.$itemSeq == seq).count()
                let recorded = try await app.post(village, "/cases", [
                    ("citizen", citizen), ("item", String(seq)), ("submission", try #require(hidden("submission", in: page.1))),
                    ("note", note), ("documents_checked", "yes"),
                ])
                #expect(recorded.0 == .seeOther, "item \(seq): \(recorded.1.prefix(300))")
                let cases = try await CaseRecord.query(on: app.db).filter(\.$itemSeq == seq).all()
                #expect(cases.count == before + 1)
                let record = try #require(cases.first)
                #expect(record.state == "approved" && record.citizenID == person && record.deadline == nil)
                let form = try app.jiujinban.cipher.open(record.formSealed, context: CaseRecord.formContext)
                #expect(form.contains(note), "item \(seq)")
            }
            #expect(try await auditCount("case.accept", result: "success", on: app) == 6)

            // Another point's operator cannot search for the person.
            let community = try await app.session(as: .communityOperator)
            #expect(try await app.getPage(community, "/jobs/postings?citizen=\(citizen)").0 == .notFound)
            // A filter refused records nothing: the panel waits for a search that ran, the person is kept.
            let refused = try await app.getPage(village, "/jobs/postings?citizen=\(citizen)&wage=abc")
            #expect(refused.0 == .unprocessableEntity && !refused.1.contains("办结本次查询")
                    && refused.1.contains("name=\"citizen\" value=\"\(citizen)\""))
        }
    }
}
