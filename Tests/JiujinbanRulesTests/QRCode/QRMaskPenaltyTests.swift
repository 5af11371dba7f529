import Testing
@testable import JiujinbanRules

@Suite("Mask patterns and penalty rules")
struct QRMaskPenaltyTests {
    /// A 21×21 grid with every module painted from `isDark`.
    static func painted(_ isDark: (Int, Int) -> Bool) -> QRModuleGrid {
        var grid = QRModuleGrid(version: 1)
        for y in 0..<grid.size {
            for x in 0..<grid.size { grid.setFunctionModule(x: x, y: y, dark: isDark(x, y)) }
        }
        return grid
    }

    @Test("an all-light grid scores the standard's maxima for runs, blocks and balance")
    func allLight() {
        let grid = Self.painted { _, _ in false }
        #expect(QRMaskPenalty.sameColourRuns(grid) == 42 * (3 + 16))
        #expect(QRMaskPenalty.sameColourBlocks(grid) == 20 * 20 * 3)
        #expect(QRMaskPenalty.finderLikePatterns(grid) == 0)
        #expect(QRMaskPenalty.darkProportion(grid) == 100)
    }

    @Test("a checkerboard has no runs, no blocks, no finder shapes and is balanced to within 5 %")
    func checkerboard() {
        let grid = Self.painted { x, y in (x + y).isMultiple(of: 2) }
        #expect(QRMaskPenalty.score(grid) == 0)
    }

    @Test("a 1:1:3:1:1 run with four light modules on either side costs 40, once; one hemmed in costs nothing")
    func finderLikePattern() {
        let shape = [true, false, true, true, true, false, true]
        let atEdge = Self.painted { x, y in y == 10 && x < 7 && shape[x] }
        #expect(QRMaskPenalty.finderLikePatterns(atEdge) == 40)
        let hemmedIn = Self.painted { x, y in
            guard y == 10 else { return false }
            return x < 3 || x > 16 || (x >= 7 && x < 14 && shape[x - 7]) || x == 4 || x == 15
        }
        #expect(QRMaskPenalty.finderLikePatterns(hemmedIn) == 0)
        let lightOnLeftOnly = Self.painted { x, y in y == 10 && ((x >= 7 && x < 14 && shape[x - 7]) || x == 14) }
        #expect(QRMaskPenalty.finderLikePatterns(lightOnLeftOnly) == 40)
    }

    @Test("rule 4 charges 10 per full 5 % away from half dark")
    func darkProportion() {
        let quarterDark = Self.painted { x, _ in x < 5 }
        // 105 of 441 modules dark: 23.8 %, 26.2 points below half, five full steps.
        #expect(QRMaskPenalty.darkProportion(quarterDark) == 50)
    }

    /// "Jiujinban 22" and "Jiujinban 75" each have two masks sharing the lowest penalty.
    @Test("the chosen mask has the lowest penalty, ties going to the lowest reference",
          arguments: ["Jiujinban", "就近办 电子社保卡 扫码登录", String(repeating: "0123456789", count: 20),
                      "Jiujinban 22", "Jiujinban 75"])
    func chosenMaskIsLowest(text: String) throws {
        let chosen = try QRCode(text: text)
        let penalties = try QRMaskPattern.all.map { mask in
            QRMaskPenalty.score(try QRCode(bytes: Array(text.utf8), errorCorrection: .medium, mask: mask).grid)
        }
        let lowest = try #require(penalties.min())
        #expect(chosen.mask.reference == penalties.firstIndex(of: lowest))
        #expect(QRMaskPenalty.score(chosen.grid) == lowest)
    }

    @Test("masks never touch function patterns")
    func masksSpareFunctionPatterns() throws {
        let unmasked = QRModuleGrid(version: 7)
        for mask in QRMaskPattern.all {
            var masked = unmasked
            masked.applyMask(mask)
            let changed = (0..<unmasked.size).flatMap { y in (0..<unmasked.size).map { x in (x, y) } }
                .filter { masked.isDark(x: $0.0, y: $0.1) != unmasked.isDark(x: $0.0, y: $0.1) }
            #expect(!changed.isEmpty)
            #expect(changed.allSatisfy { !unmasked.isFunctionModule(x: $0.0, y: $0.1) }, "mask \(mask.reference)")
        }
    }
}
