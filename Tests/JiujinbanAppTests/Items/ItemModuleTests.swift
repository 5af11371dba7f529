import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Issue 21: every item of the catalogue resolves to a module, the kiosk items declare their flows, no item number is
/// written outside the items' own folders, and the forms sealed before forms were typed still open.
@Suite("Service items as modules")
struct ItemModuleTests {
    static func catalogue() throws -> ServiceCatalogue {
        try ServiceCatalogue.decode(Data(contentsOf: StaticAssets.resourceURL("catalog/service-catalog.json")))
    }

    @Test("all 40 items resolve to a module: the 15 employment items to their own, the others to the generic one")
    func everyItemResolves() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.items.count == 40)
        #expect(ItemRegistry.specific == Set(1...15))
        #expect(ItemRegistry.modules.count == ItemRegistry.specific.count, "one registration per item")
        for item in catalogue.items {
            let module = ItemRegistry.module(of: item)
            #expect(module.seq == item.seq)
        }
        // The generic module is what an item without its own gets: its form is the generic one.
        let later = try #require(catalogue.items.first { $0.seq == 20 })
        #expect(GenericItem.module(for: later).conditions == ItemRegistry.module(of: later).conditions)
        #expect(GenericItem(item: later).fields.map(\.name) == ["documents_checked", "note"])
    }

    @Test("the 22 kiosk items declare a kiosk flow that identifies the person first and prints last; the others none")
    func kioskFlows() throws {
        let catalogue = try Self.catalogue()
        let kioskItems = catalogue.items.filter { $0.channels.contains(.kiosk) }
        #expect(kioskItems.count == 22)
        for item in catalogue.items {
            let steps = ItemRegistry.module(of: item).kioskSteps
            if item.channels.contains(.kiosk) {
                #expect(KioskStep.isWellFormed(steps), "第\(item.seq)项 \(item.name): \(steps)")
            } else {
                #expect(steps.isEmpty, "第\(item.seq)项 \(item.name) is not offered at the kiosk but declares \(steps)")
            }
        }
        // The searches ask what to look for; the recommendations choose from a ranked list.
        #expect(ItemRegistry.module(of: try #require(catalogue.items.first { $0.seq == PolicySearchItem.seq })).kioskSteps == KioskStep.search)
        #expect(ItemRegistry.module(of: try #require(catalogue.items.first { $0.seq == JobRecommendationItem.seq })).kioskSteps.contains(.choose))
    }

    @Test("no item number is written as a literal outside the items' own folders")
    func noLiteralItemNumbers() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")
        // The ways an item number has been written: compared, passed, keyed, registered.
        // (Items are numbered from 1: a route's placeholder 0 is not one. Comments may cite items.)
        let patterns = [#"seq\s*==\s*[1-9]"#, #"\bitem:\s*[1-9]"#, #"itemSeq\s*[:=]\s*[1-9]"#, #"\.handle\([1-9]"#,
                        #"item_seq\s*=\s*[1-9]"#, #"\[\s*[1-9]\d*\s*:\s*\{"#, #"第[1-9]\d*项"#]
            .map { try! NSRegularExpression(pattern: $0) }
        var found: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" && !file.path.contains("/Items/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let range = NSRange(line.startIndex..., in: line)
                if patterns.contains(where: { $0.firstMatch(in: String(line), range: range) != nil }) {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("a form sealed before forms were typed opens as the item's typed form; a typed form seals and opens again")
    func legacyForms() throws {
        let decoder = JSONDecoder()
        let flexible = try decoder.decode(FlexibleEmploymentItem.Form.self, from: Data(#"""
            {"employment_type":"self_employed","started_on":"2026-11-02","description":"","documents_checked":"yes"}
            """#.utf8))
        #expect(flexible.startedOn == CalendarDate(iso: "2026-11-02") && flexible.description.isEmpty)
        let unemployed = try decoder.decode(UnemploymentRegistrationItem.Form.self, from: Data(#"""
            {"last_employer":"某厂","separation_reason":"","separated_on":"","cohort":"man","able_and_willing":"yes","documents_checked":"yes"}
            """#.utf8))
        #expect(unemployed.separatedOn == nil && unemployed.cohort == .man && unemployed.lastEmployer == "某厂")
        let dated = try decoder.decode(UnemploymentRegistrationItem.Form.self, from: Data(#"""
            {"last_employer":"","separation_reason":"","separated_on":"2026-10-31","cohort":"womanFiftyFive"}
            """#.utf8))
        #expect(dated.separatedOn == CalendarDate(iso: "2026-10-31"))
        #expect(throws: DecodingError.self) {
            try decoder.decode(UnemploymentRegistrationItem.Form.self, from: Data(#"{"separated_on":"31/10/2026","cohort":"man"}"#.utf8))
        }
        let generic = try decoder.decode(GenericItem.Form.self, from: Data(#"{"documents_checked":"yes","note":"备注"}"#.utf8))
        #expect(generic.note == "备注")
        _ = try decoder.decode(EmploymentCardQueryItem.Form.self, from: Data(#"{"documents_checked":"yes"}"#.utf8))
        // Round trip through the encoding the engine seals.
        let again = try decoder.decode(UnemploymentRegistrationItem.Form.self, from: JSONEncoder().encode(dated))
        #expect(again == dated)
        let emptyDate = try decoder.decode(UnemploymentRegistrationItem.Form.self, from: JSONEncoder().encode(unemployed))
        #expect(emptyDate == unemployed)
    }
}
