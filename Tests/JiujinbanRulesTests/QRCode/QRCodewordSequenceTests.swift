import Testing
@testable import JiujinbanRules

@Suite("Codeword sequence and version choice")
struct QRCodewordSequenceTests {
    /// Table 1: the remainder bits left over after the last codeword, by version range.
    static func remainderBits(version: Int) -> Int {
        switch version {
        case 2...6: 7
        case 14...20, 28...34: 3
        case 21...27: 4
        default: 0
        }
    }

    @Test("the drawn function patterns leave exactly Table 1's codeword capacity plus remainder bits")
    func layoutMatchesCapacityTable() {
        for version in QRBlockStructure.versions {
            let grid = QRModuleGrid(version: version)
            let structure = QRBlockStructure(version: version, errorCorrection: .medium)
            #expect(grid.dataModuleCount == structure.totalCodewords * 8 + Self.remainderBits(version: version),
                    "version \(version)")
        }
    }

    @Test("Table 9 block split: 5-Q is two blocks of 15 and two of 16 data codewords")
    func blockSplit() {
        let structure = QRBlockStructure(version: 5, errorCorrection: .quartile)
        #expect(structure.dataCodewordsPerBlock == [15, 15, 16, 16])
        #expect(structure.errorCorrectionCodewordsPerBlock == 18)
        #expect(QRBlockStructure(version: 40, errorCorrection: .high).dataCodewordsPerBlock.reduce(0, +) == 1276)
    }

    /// Byte-mode capacities from Table 7, including the step where the count indicator widens at version 10.
    @Test("smallest version that fits", arguments: [
        (14, QRErrorCorrection.medium, 1), (15, .medium, 2), (17, .low, 1), (11, .quartile, 1), (7, .high, 1),
        (8, .high, 2), (180, .medium, 9), (181, .medium, 10), (213, .medium, 10), (2331, .medium, 40),
        (2953, .low, 40), (1663, .quartile, 40), (1273, .high, 40),
    ])
    func versionChoice(byteCount: Int, level: QRErrorCorrection, version: Int) throws {
        let code = try QRCode(bytes: Array(repeating: 0x61, count: byteCount), errorCorrection: level)
        #expect(code.version == version)
        #expect(code.size == 17 + 4 * version)
    }

    @Test("a payload beyond version 40 throws a typed error", arguments: [
        (QRErrorCorrection.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273),
    ])
    func tooLong(level: QRErrorCorrection, capacity: Int) {
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(bytes: Array(repeating: 0, count: capacity + 1), errorCorrection: level)
        }
        #expect(error == .payloadTooLong(byteCount: capacity + 1, capacity: capacity))
    }

    /// 5-Q interleaves blocks of unequal length; expected sequence from the Python `qrcode` package.
    @Test("final sequence interleaves unequal blocks as in §7.6")
    func interleaving() throws {
        let payload = Array("就近办 电子社保卡 扫码登录 Jiujinban v5-Q".utf8)
        let structure = try QRCodewordSequence.smallestStructure(byteCount: payload.count, errorCorrection: .quartile)
        #expect(structure.version == 5)
        let data = QRCodewordSequence.dataCodewords(bytes: payload, structure: structure)
        let sequence = QRCodewordSequence.finalSequence(dataCodewords: data, structure: structure)
        #expect(sequence == [
            67, 90, 190, 230, 94, 217, 122, 38, 91, 14, 8, 22, 11, 122, 30, 226, 30, 75, 121, 7, 139, 238, 155, 99,
            249, 75, 190, 82, 30, 249, 91, 213, 88, 222, 217, 16, 169, 88, 82, 236, 226, 218, 4, 17, 14, 18, 166, 236,
            121, 14, 151, 17, 75, 104, 86, 236, 94, 154, 166, 17, 150, 236, 184, 240, 23, 44, 143, 172, 141, 201, 151,
            92, 98, 97, 121, 158, 252, 94, 241, 196, 232, 192, 208, 172, 234, 221, 79, 72, 187, 180, 104, 114, 81, 94,
            94, 108, 73, 167, 56, 182, 46, 175, 152, 136, 16, 222, 116, 255, 181, 129, 37, 218, 13, 23, 96, 204, 10,
            172, 76, 19, 95, 70, 250, 79, 98, 48, 7, 78, 232, 143, 239, 55, 241, 238,
        ])
    }

    @Test("padding alternates 0xEC and 0x11 after the terminator")
    func padding() {
        let structure = QRBlockStructure(version: 1, errorCorrection: .high)
        #expect(QRCodewordSequence.dataCodewords(bytes: [], structure: structure)
            == [0x40, 0x00, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
        #expect(QRCodewordSequence.dataCodewords(bytes: Array(repeating: 0xFF, count: 7), structure: structure)
            == [0x40, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0])
    }
}
