import Testing
@testable import JiujinbanRules

/// Reads the function patterns back out of finished symbols the way a decoder would, independently of the
/// encoder's own position tables.
@Suite("Symbol structure")
struct QRStructureTests {
    /// Annex C, Table C.1: masked format bits indexed by level indicator × 8 + mask reference.
    static let formatInformationTable = [
        0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0,
        0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976,
        0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B,
        0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED,
    ]

    /// Annex D, Table D.1: version information bits for versions 7 to 40.
    static let versionInformationTable = [
        0x07C94, 0x085BC, 0x09A99, 0x0A4D3, 0x0BBF6, 0x0C762, 0x0D847, 0x0E60D, 0x0F928, 0x10B78,
        0x1145D, 0x12A17, 0x13532, 0x149A6, 0x15683, 0x168C9, 0x177EC, 0x18EC4, 0x191E1, 0x1AFAB,
        0x1B08E, 0x1CC1A, 0x1D33F, 0x1ED75, 0x1F250, 0x209D5, 0x216F0, 0x228BA, 0x2379F, 0x24B0B,
        0x2542E, 0x26A64, 0x27541, 0x28C69,
    ]

    static let levels: [QRErrorCorrection: Int] = [.medium: 0, .low: 1, .high: 2, .quartile: 3]

    /// Payload lengths that land on a spread of versions at level M, including 7+ and 20+.
    static let sampleLengths = [5, 30, 60, 120, 300, 700, 1500]

    static func code(length: Int, level: QRErrorCorrection = .medium) throws -> QRCode {
        try QRCode(bytes: (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, errorCorrection: level)
    }

    @Test("BCH(15,5) format bits match Annex C for every level and mask")
    func formatBitsTable() {
        for (level, indicator) in Self.levels {
            for mask in QRMaskPattern.all {
                #expect(QRFormatInformation.formatBits(errorCorrection: level, mask: mask)
                    == Self.formatInformationTable[indicator * 8 + mask.reference])
            }
        }
    }

    @Test("BCH(18,6) version bits match Annex D for versions 7 to 40")
    func versionBitsTable() {
        for version in 7...40 {
            #expect(QRFormatInformation.versionBits(version: version) == Self.versionInformationTable[version - 7])
        }
    }

    @Test("three finder patterns with light separators", arguments: sampleLengths)
    func finderPatterns(length: Int) throws {
        let code = try Self.code(length: length)
        let last = code.size - 1
        for (left, top) in [(0, 0), (last - 6, 0), (0, last - 6)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    let expected = ring <= 1 || ring == 3
                    #expect(code.isDark(x: left + dx, y: top + dy) == expected,
                            "finder at (\(left), \(top)), offset (\(dx), \(dy))")
                }
            }
        }
    }

    @Test("timing patterns alternate between the finders, and the dark module is set", arguments: sampleLengths)
    func timingAndDarkModule(length: Int) throws {
        let code = try Self.code(length: length)
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(x: index, y: 6) == index.isMultiple(of: 2), "row 6, column \(index)")
            #expect(code.isDark(x: 6, y: index) == index.isMultiple(of: 2), "column 6, row \(index)")
        }
        #expect(code.isDark(x: 8, y: code.size - 8))
    }

    @Test("alignment patterns sit at every Annex E centre not covered by a finder")
    func alignmentPatterns() throws {
        let code = try Self.code(length: 120)
        #expect(code.version == 7)
        let centres = [(22, 6), (6, 22), (22, 22), (38, 22), (22, 38), (38, 38)]
        for (cx, cy) in centres {
            for dy in -2...2 {
                for dx in -2...2 {
                    #expect(code.isDark(x: cx + dx, y: cy + dy) == (max(abs(dx), abs(dy)) != 1),
                            "alignment pattern at (\(cx), \(cy))")
                }
            }
        }
    }

    /// Reads both format copies in the standard's order (bit 14 first) and decodes them as a reader would:
    /// the nearest valid codeword must be at distance 0 and name the level and mask the encoder used.
    @Test("format information decodes back to level and mask",
          arguments: QRErrorCorrection.allCases, [5, 120, 700])
    func formatInformationRoundTrip(level: QRErrorCorrection, length: Int) throws {
        let code = try Self.code(length: length, level: level)
        let n = code.size
        let nearTopLeft = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8),
                           (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        let split = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
        func read(_ positions: [(Int, Int)]) -> Int {
            positions.enumerated().reduce(0) { bits, entry in
                bits | (code.isDark(x: entry.element.0, y: entry.element.1) ? 1 << entry.offset : 0)
            }
        }
        let first = read(nearTopLeft)
        #expect(first == read(split), "the two copies differ")
        let decoded = try #require(Self.formatInformationTable.firstIndex(of: first), "not a valid format codeword")
        #expect(decoded / 8 == Self.levels[level])
        #expect(decoded % 8 == code.mask.reference)
    }

    @Test("version information in both corners names the version", arguments: [120, 300, 700, 1500, 2331])
    func versionInformationRoundTrip(length: Int) throws {
        let code = try Self.code(length: length)
        let n = code.size
        var bottomLeft = 0, topRight = 0
        for bit in 0..<18 {
            let across = bit / 3, along = n - 11 + bit % 3
            bottomLeft |= code.isDark(x: across, y: along) ? 1 << bit : 0
            topRight |= code.isDark(x: along, y: across) ? 1 << bit : 0
        }
        #expect(bottomLeft == topRight)
        #expect(bottomLeft >> 12 == code.version)
        #expect(bottomLeft == Self.versionInformationTable[code.version - 7])
    }

    @Test("versions below 7 carry no version information")
    func noVersionInformationBelowSeven() throws {
        let code = try Self.code(length: 100)
        #expect(code.version == 6)
        let grid = code.grid
        for bit in 0..<18 {
            let across = bit / 3, along = grid.size - 11 + bit % 3
            #expect(!grid.isFunctionModule(x: along, y: across))
        }
    }

    @Test("the quiet zone outside the symbol reads as light")
    func outsideIsLight() throws {
        let code = try Self.code(length: 5)
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
        #expect(code.isDark(x: 0, y: 0))
    }
}
