import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Issue 21: every item of the catalogue resolves to a module, the kiosk items declare their flows, no item number is
/// written outside the items' own folders and the groups' lists, items call no handler, and the forms sealed before
/// forms were typed still open. Nothing here counts the items with forms of their own: those grow with each issue.
@Suite("Service items as modules")
struct ItemModuleTests {
    static func catalogue() throws -> ServiceCatalogue {
        try ServiceCatalogue.decode(Data(contentsOf: StaticAssets.resourceURL("catalog/service-catalog.json")))
    }

    @Test("every catalogue item resolves to its module: its own, or the generic one with what its group declares")
    func everyItemResolves() throws {
        let catalogue = try Self.catalogue()
        let seqs = Set(catalogue.items.map(\.seq))
        // Attachment 1's forty items are all there; items added later resolve like them.
        #expect(Set(1...40).isSubset(of: seqs) && seqs.count == catalogue.items.count)
        // Every registration names an item of the catalogue, once; the employment items have forms of their own.
        #expect(Set(ItemRegistry.modules.map(\.seq)).isSubset(of: seqs))
        #expect(ItemRegistry.modules.count == Set(ItemRegistry.modules.map(\.seq)).count, "one registration per item")
        #expect(Set(FindWorkItems.modules.map(\.seq)).isSubset(of: ItemRegistry.specific))
        for item in catalogue.items {
            let module = ItemRegistry.module(of: item)
            #expect(module.seq == item.seq)
            #expect(module.takesGenericForm == !ItemRegistry.specific.contains(item.seq), "第\(item.seq)项")
            if module.takesGenericForm {
                // The generic form's conditions are its group's, whether or not the group's list declares the item.
                #expect(module.conditions == GenericItem.module(for: item).conditions, "第\(item.seq)项")
            }
        }
        // The generic module is what an item without its own gets: its form is the generic one.
        let later = try #require(catalogue.items.first { !ItemRegistry.specific.contains($0.seq) })
        #expect(GenericItem(item: later).fields.map(\.name) == ["documents_checked", "note"])
    }

    @Test("every kiosk item declares a kiosk flow that identifies the person first and prints last; the others none")
    func kioskFlows() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.items.contains { $0.channels.contains(.kiosk) })
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

    @Test("an item reaches stored records through queries and use cases, never through a feature's handlers")
    func itemsCallNoController() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        let controller = try NSRegularExpression(pattern: #"\b[A-Z]\w*Controller\b"#)
        var found: [String] = []
        var scanned = 0
        for case let file as URL in files where file.pathExtension == "swift" && file.pathComponents.contains("Items") {
            scanned += 1
            // Comments may name the pages an item leads to.
            let code = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for match in controller.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                found.append("\(file.lastPathComponent): \((code as NSString).substring(with: match.range))")
            }
        }
        #expect(scanned > 20)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// Where an item number may be written: the item's own folder (`FindWork/Items/Item10FlexibleEmployment/`) and
    /// the four groups' lists, which register the items that take the generic form.
    static let groupLists: Set<String> = ["FindWorkItems.swift", "LearnSkillsItems.swift", "SocialInsuranceItems.swift",
                                          "SocialSecurityCardItems.swift"]

    static func mayWriteItemNumbers(_ file: URL) -> Bool {
        let parts = file.pathComponents
        if groupLists.contains(file.lastPathComponent) { return true }
        return zip(parts, parts.dropFirst()).contains { folder, child in
            folder == "Items" && child.wholeMatch(of: /Item\d+\w*/) != nil && child != file.lastPathComponent
        }
    }

    @Test("no item number is written as a literal outside the item's own folder and its group's list")
    func noLiteralItemNumbers() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/JiujinbanApp")
        // The ways an item number has been written: compared, passed, keyed, registered, listed as a dictionary key.
        // (Items are numbered from 1: a route's placeholder 0 is not one. Comments may cite items.)
        let patterns = [#"seq\s*==\s*[1-9]"#, #"\bitem:\s*[1-9]"#, #"itemSeq\s*[:=]\s*[1-9]"#, #"\.handle\([1-9]"#,
                        #"item_seq\s*=\s*[1-9]"#, #"\[\s*[1-9]\d*\s*:\s*\{"#, #"第[1-9]\d*项"#, #"\bseq:\s*[1-9]"#,
                        #"^\s*\[?\s*[1-9]\d*\s*:\s*[\[.A-Za-z]"#]
            .map { try! NSRegularExpression(pattern: $0) }
        var found: [String] = []
        var scanned = 0
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" && !Self.mayWriteItemNumbers(file) {
            scanned += 1
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let range = NSRange(line.startIndex..., in: line)
                if patterns.contains(where: { $0.firstMatch(in: String(line), range: range) != nil }) {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        // The shared item code (the contract, the registry, the generic flow) is scanned too.
        #expect(scanned > 300 && !Self.mayWriteItemNumbers(sources.appendingPathComponent("Services/Items/Generic/GenericItem.swift")))
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
