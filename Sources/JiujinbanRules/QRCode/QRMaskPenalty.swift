/// The four penalty rules of ISO/IEC 18004 §7.8.3.1 (Table 11) that rank the eight masked candidates;
/// the encoder keeps the candidate with the lowest total.
enum QRMaskPenalty {
    static let sameColourRunWeight = 3
    static let sameColourBlockWeight = 3
    static let finderLikePatternWeight = 40
    static let darkProportionWeight = 10

    static func score(_ grid: QRModuleGrid) -> Int {
        sameColourRuns(grid) + sameColourBlocks(grid) + finderLikePatterns(grid) + darkProportion(grid)
    }

    /// Rule 1: every row or column run of five or more same-coloured modules costs 3, plus 1 per extra module.
    static func sameColourRuns(_ grid: QRModuleGrid) -> Int {
        var penalty = 0
        for line in lines(of: grid) {
            var runLength = 1
            for index in 1...line.count {
                if index < line.count && line[index] == line[index - 1] {
                    runLength += 1
                    continue
                }
                if runLength >= 5 { penalty += sameColourRunWeight + (runLength - 5) }
                runLength = 1
            }
        }
        return penalty
    }

    /// Rule 2: every 2×2 square of one colour costs 3; overlapping squares count separately, which is how an
    /// m×n block comes to cost 3 × (m − 1) × (n − 1).
    static func sameColourBlocks(_ grid: QRModuleGrid) -> Int {
        var penalty = 0
        for y in 0..<(grid.size - 1) {
            for x in 0..<(grid.size - 1) {
                let colour = grid.isDark(x: x, y: y)
                if grid.isDark(x: x + 1, y: y) == colour && grid.isDark(x: x, y: y + 1) == colour
                    && grid.isDark(x: x + 1, y: y + 1) == colour {
                    penalty += sameColourBlockWeight
                }
            }
        }
        return penalty
    }

    /// Rule 3: every dark-light-dark-dark-dark-light-dark run (1:1:3:1:1) with four light modules on at least one
    /// side costs 40, since a reader could mistake it for a finder. Modules beyond the edge count as light because
    /// the quiet zone is.
    static func finderLikePatterns(_ grid: QRModuleGrid) -> Int {
        let core = [true, false, true, true, true, false, true]
        var penalty = 0
        for line in lines(of: grid) {
            func isLight(_ range: Range<Int>) -> Bool {
                range.allSatisfy { $0 < 0 || $0 >= line.count || !line[$0] }
            }
            for start in 0...(line.count - core.count) where line[start..<(start + core.count)].elementsEqual(core) {
                let end = start + core.count
                if isLight((start - 4)..<start) || isLight(end..<(end + 4)) {
                    penalty += finderLikePatternWeight
                }
            }
        }
        return penalty
    }

    /// Rule 4: 10 points for every full 5 % by which the share of dark modules departs from one half.
    static func darkProportion(_ grid: QRModuleGrid) -> Int {
        let total = grid.size * grid.size
        let dark = grid.modules.lazy.filter { $0 }.count
        let fivePercentSteps = abs(dark * 20 - total * 10) / total
        return fivePercentSteps * darkProportionWeight
    }

    /// Every row, then every column, as a line of module colours.
    private static func lines(of grid: QRModuleGrid) -> [[Bool]] {
        let range = 0..<grid.size
        let rows = range.map { y in range.map { x in grid.isDark(x: x, y: y) } }
        let columns = range.map { x in range.map { y in grid.isDark(x: x, y: y) } }
        return rows + columns
    }
}
