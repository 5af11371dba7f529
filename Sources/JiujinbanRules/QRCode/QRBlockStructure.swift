/// How the codewords of one version at one error-correction level are split into Reed–Solomon blocks
/// (ISO/IEC 18004 Tables 1 and 9).
///
/// Only the block count and the error-correction codewords per block are tabulated: every block carries the
/// same number of error-correction codewords, and the data codewords are shared out so that the first blocks
/// ("group 1") hold one data codeword fewer than the rest ("group 2").
struct QRBlockStructure: Sendable {
    let version: Int
    let errorCorrection: QRErrorCorrection
    /// Data plus error-correction codewords in the whole symbol.
    let totalCodewords: Int
    let blockCount: Int
    let errorCorrectionCodewordsPerBlock: Int

    static let versions = 1...40

    init(version: Int, errorCorrection: QRErrorCorrection) {
        precondition(Self.versions.contains(version), "QR Code versions run from 1 to 40")
        self.version = version
        self.errorCorrection = errorCorrection
        let index = version - 1
        totalCodewords = Self.totalCodewordsByVersion[index]
        switch errorCorrection {
        case .low:
            blockCount = Self.blockCountLow[index]
            errorCorrectionCodewordsPerBlock = Self.errorCorrectionPerBlockLow[index]
        case .medium:
            blockCount = Self.blockCountMedium[index]
            errorCorrectionCodewordsPerBlock = Self.errorCorrectionPerBlockMedium[index]
        case .quartile:
            blockCount = Self.blockCountQuartile[index]
            errorCorrectionCodewordsPerBlock = Self.errorCorrectionPerBlockQuartile[index]
        case .high:
            blockCount = Self.blockCountHigh[index]
            errorCorrectionCodewordsPerBlock = Self.errorCorrectionPerBlockHigh[index]
        }
    }

    var dataCodewords: Int { totalCodewords - blockCount * errorCorrectionCodewordsPerBlock }

    /// Data codewords of each block, shorter blocks first as the standard orders them.
    var dataCodewordsPerBlock: [Int] {
        let shortLength = dataCodewords / blockCount
        let longBlockCount = dataCodewords % blockCount
        return Array(repeating: shortLength, count: blockCount - longBlockCount)
            + Array(repeating: shortLength + 1, count: longBlockCount)
    }

    // Table 1: total codewords, data plus error correction, of versions 1 to 40.
    private static let totalCodewordsByVersion = [
        26, 44, 70, 100, 134, 172, 196, 242, 292, 346,
        404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
        1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185,
        2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706,
    ]

    // Table 9, versions 1 to 40 for each level.
    private static let blockCountLow = [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
        8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ]
    private static let blockCountMedium = [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]
    private static let blockCountQuartile = [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
        23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ]
    private static let blockCountHigh = [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
        25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ]
    private static let errorCorrectionPerBlockLow = [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
        28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let errorCorrectionPerBlockMedium = [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    private static let errorCorrectionPerBlockQuartile = [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
        28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let errorCorrectionPerBlockHigh = [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
        30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
}
