/// The square of modules while a symbol is being built. It remembers which modules belong to function
/// patterns, because codeword placement and masking must leave exactly those alone.
struct QRModuleGrid: Sendable {
    let version: Int
    let size: Int
    private(set) var modules: [Bool]
    private(set) var isFunction: [Bool]

    /// A grid with every function pattern drawn and the format areas reserved with placeholder bits.
    init(version: Int) {
        precondition(QRBlockStructure.versions.contains(version), "QR Code versions run from 1 to 40")
        self.version = version
        size = 17 + 4 * version
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    func isFunctionModule(x: Int, y: Int) -> Bool { isFunction[y * size + x] }

    mutating func setFunctionModule(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Modules left for codewords: the symbol's codeword capacity in bits plus its 0, 3, 4 or 7 remainder bits.
    var dataModuleCount: Int { isFunction.lazy.filter { !$0 }.count }

    /// Fills the data region in the standard's two-column zigzag (§7.7.3): right to left in column pairs,
    /// alternately upwards and downwards, skipping the vertical timing pattern. Remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        precondition(bitCount <= dataModuleCount, "more codewords than data modules")
        var bitIndex = 0
        var rightColumn = size - 1
        while rightColumn >= 1 {
            if rightColumn == 6 { rightColumn = 5 }
            let upwards = (rightColumn + 1) & 2 == 0
            for step in 0..<size {
                let y = upwards ? size - 1 - step : step
                for x in [rightColumn, rightColumn - 1] where !isFunctionModule(x: x, y: y) && bitIndex < bitCount {
                    let codeword = codewords[bitIndex / 8]
                    modules[y * size + x] = (codeword >> (7 - bitIndex % 8)) & 1 == 1
                    bitIndex += 1
                }
            }
            rightColumn -= 2
        }
    }

    mutating func applyMask(_ mask: QRMaskPattern) {
        for y in 0..<size {
            for x in 0..<size where !isFunctionModule(x: x, y: y) && mask.inverts(row: y, column: x) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// Writes both copies of the format information (§7.9); bit 14 is the most significant.
    mutating func drawFormatInformation(errorCorrection: QRErrorCorrection, mask: QRMaskPattern) {
        let bits = QRFormatInformation.formatBits(errorCorrection: errorCorrection, mask: mask)
        for (index, position) in Self.formatPositionsAroundTopLeftFinder.enumerated() {
            setFunctionModule(x: position.x, y: position.y, dark: (bits >> index) & 1 == 1)
        }
        for (index, position) in formatPositionsBesideOtherFinders.enumerated() {
            setFunctionModule(x: position.x, y: position.y, dark: (bits >> index) & 1 == 1)
        }
    }

    /// Positions of format bits 0 to 14 around the top-left finder: up column 8, then left along row 8,
    /// stepping over the timing pattern at row and column 6.
    static let formatPositionsAroundTopLeftFinder: [(x: Int, y: Int)] =
        [0, 1, 2, 3, 4, 5, 7, 8].map { (x: 8, y: $0) } + [7, 5, 4, 3, 2, 1, 0].map { (x: $0, y: 8) }

    /// Positions of format bits 0 to 14 in the second copy: bits 0–7 along row 8 under the top-right finder,
    /// bits 8–14 down column 8 beside the bottom-left finder.
    var formatPositionsBesideOtherFinders: [(x: Int, y: Int)] {
        (0..<8).map { (x: size - 1 - $0, y: 8) } + (8..<15).map { (x: 8, y: size - 15 + $0) }
    }
}
