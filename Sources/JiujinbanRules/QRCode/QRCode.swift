/// A QR Code symbol (ISO/IEC 18004, Model 2) encoding bytes in byte mode, at the smallest version that fits.
///
/// Text is encoded as its UTF-8 bytes without an ECI header: common readers, phone scanners included, take
/// byte-mode data that is valid UTF-8 as UTF-8, and not every reader understands an ECI header.
public struct QRCode: Sendable {
    public let errorCorrection: QRErrorCorrection
    let mask: QRMaskPattern
    let grid: QRModuleGrid

    /// 1 to 40; each step adds 4 modules to the side.
    public var version: Int { grid.version }
    /// Modules per side, without the quiet zone.
    public var size: Int { grid.size }

    public init(bytes: [UInt8], errorCorrection: QRErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(bytes: bytes, errorCorrection: errorCorrection, mask: nil)
    }

    public init(text: String, errorCorrection: QRErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, mask: nil)
    }

    /// With `mask` nil every mask is tried and the lowest penalty wins (ties go to the lower reference);
    /// a fixed mask lets tests compare whole matrices with other encoders.
    init(bytes: [UInt8], errorCorrection: QRErrorCorrection, mask: QRMaskPattern?) throws(QRCodeError) {
        let structure = try QRCodewordSequence.smallestStructure(
            byteCount: bytes.count, errorCorrection: errorCorrection)
        let dataCodewords = QRCodewordSequence.dataCodewords(bytes: bytes, structure: structure)
        var unmasked = QRModuleGrid(version: structure.version)
        unmasked.placeCodewords(QRCodewordSequence.finalSequence(dataCodewords: dataCodewords, structure: structure))

        func masked(with candidate: QRMaskPattern) -> QRModuleGrid {
            var grid = unmasked
            grid.applyMask(candidate)
            grid.drawFormatInformation(errorCorrection: errorCorrection, mask: candidate)
            return grid
        }

        var chosenMask = mask ?? QRMaskPattern.all[0]
        var chosenGrid = masked(with: chosenMask)
        if mask == nil {
            var lowestPenalty = QRMaskPenalty.score(chosenGrid)
            for candidate in QRMaskPattern.all.dropFirst() {
                let grid = masked(with: candidate)
                let penalty = QRMaskPenalty.score(grid)
                if penalty < lowestPenalty {
                    (chosenMask, chosenGrid, lowestPenalty) = (candidate, grid, penalty)
                }
            }
        }
        self.errorCorrection = errorCorrection
        self.mask = chosenMask
        grid = chosenGrid
    }

    /// Whether the module in column `x`, row `y` (origin top left) is dark. Coordinates outside the symbol lie in
    /// the quiet zone, which is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return grid.isDark(x: x, y: y)
    }
}
