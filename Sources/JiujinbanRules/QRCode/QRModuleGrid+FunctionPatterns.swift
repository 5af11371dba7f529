/// Function patterns (ISO/IEC 18004 §6.3): the fixed shapes a reader uses to find, orient and sample
/// the symbol, drawn before any data so that placement can steer around them.
extension QRModuleGrid {
    /// Annex E, Table E.1: row and column coordinates of alignment pattern centres, by version (version 1 has none).
    static let alignmentPatternCoordinates: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86],
        [6, 34, 62, 90], [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118], [6, 26, 50, 74, 98, 122],
        [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130], [6, 30, 56, 82, 108, 134],
        [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142], [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]

    /// Centres of the alignment patterns actually drawn: every pairing of the coordinates except the three
    /// that would overlap a finder pattern.
    var alignmentPatternCenters: [(x: Int, y: Int)] {
        let coordinates = Self.alignmentPatternCoordinates[version - 1]
        guard let first = coordinates.first, let last = coordinates.last else { return [] }
        return coordinates.flatMap { y in coordinates.map { x in (x: x, y: y) } }.filter { center in
            let overlapsFinder = (center.x == first && center.y == first)
                || (center.x == last && center.y == first)
                || (center.x == first && center.y == last)
            return !overlapsFinder
        }
    }

    mutating func drawFunctionPatterns() {
        drawTimingPatterns()
        drawFinderPattern(centerX: 3, centerY: 3)
        drawFinderPattern(centerX: size - 4, centerY: 3)
        drawFinderPattern(centerX: 3, centerY: size - 4)
        for center in alignmentPatternCenters {
            drawAlignmentPattern(centerX: center.x, centerY: center.y)
        }
        // Reserve the format areas now so codewords avoid them; the real bits depend on the mask chosen later.
        drawFormatInformation(errorCorrection: .medium, mask: QRMaskPattern(reference: 0))
        setFunctionModule(x: 8, y: size - 8, dark: true)
        if version >= 7 { drawVersionInformation() }
    }

    /// Alternating modules along row 6 and column 6, dark at even coordinates (§6.3.5). Drawn first, because
    /// finder separators and alignment patterns overwrite their ends.
    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunctionModule(x: 6, y: index, dark: index % 2 == 0)
            setFunctionModule(x: index, y: 6, dark: index % 2 == 0)
        }
    }

    /// A 7×7 finder (dark ring, light ring, dark 3×3 core) with its one-module light separator (§6.3.3, §6.3.4).
    private mutating func drawFinderPattern(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunctionModule(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark ring, light ring, dark centre (§6.3.6).
    private mutating func drawAlignmentPattern(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunctionModule(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Both 6×3 copies of the version information (§7.10): one above the bottom-left finder, one (transposed)
    /// left of the top-right finder; bit 0 is the least significant.
    private mutating func drawVersionInformation() {
        let bits = QRFormatInformation.versionBits(version: version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let across = index / 3, along = size - 11 + index % 3
            setFunctionModule(x: along, y: across, dark: dark)
            setFunctionModule(x: across, y: along, dark: dark)
        }
    }
}
