import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("服务指南: one page per service item")
struct ServiceGuideTests {
    @Test("every one of the 40 items has its guide, linked from its group; an unknown item is 404")
    func guides() async throws {
        try await TestApp.run { app in
            let operatorSession = try await app.session(as: .villageOperator)
            let catalogue = app.jiujinban.catalogue
            #expect(catalogue.items.count == 40)
            for item in catalogue.items {
                let page = try await app.getPage(operatorSession, "/services/items/\(item.seq)")
                #expect(page.0 == .ok, "\(item.seq)")
                #expect(page.1.contains(item.name) && page.1.contains(item.requirement), "\(item.seq)")
                #expect(page.1.contains(item.workingDays == 0 ? "即时办结" : "\(item.workingDays)个工作日"), "\(item.seq)")
            }
            let group = try await app.getPage(operatorSession, "/services/job")
            #expect(group.1.contains("href=\"/services/items/11\""))
            for bad in ["0", "41", "x"] {
                #expect(try await app.getPage(operatorSession, "/services/items/\(bad)").0 == .notFound, "\(bad)")
            }
        }
    }
}
