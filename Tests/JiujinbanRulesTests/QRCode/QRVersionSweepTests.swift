import Testing
@testable import JiujinbanRules

/// Every version at every level, filled to capacity, compared with the Python `qrcode` package through a
/// 64-bit FNV-1a digest of the module bits, so that a slip anywhere in the block, capacity or alignment tables
/// shows up without storing 160 whole matrices.
@Suite("All versions and levels")
struct QRVersionSweepTests {
    /// FNV-1a over the row-major module bits packed most significant bit first, dark = 1.
    static func digest(_ code: QRCode) -> UInt64 {
        var packed: [UInt8] = []
        var bitCount = 0
        for y in 0..<code.size {
            for x in 0..<code.size {
                if bitCount % 8 == 0 { packed.append(0) }
                if code.isDark(x: x, y: y) { packed[packed.count - 1] |= 0x80 >> (bitCount % 8) }
                bitCount += 1
            }
        }
        return packed.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// Table 7's byte-mode capacity, the payload that exactly fills a version.
    static func byteCapacity(version: Int, level: QRErrorCorrection) -> Int {
        QRCodewordSequence.byteCapacity(QRBlockStructure(version: version, errorCorrection: level))
    }

    @Test("byte capacities of versions 1, 10 and 40 match Table 7")
    func capacitySpotChecks() {
        #expect(QRErrorCorrection.allCases.map { Self.byteCapacity(version: 1, level: $0) } == [17, 14, 11, 7])
        #expect(QRErrorCorrection.allCases.map { Self.byteCapacity(version: 10, level: $0) } == [271, 213, 151, 119])
        #expect(QRErrorCorrection.allCases.map { Self.byteCapacity(version: 40, level: $0) } == [2953, 2331, 1663, 1273])
    }

    @Test("a full payload selects its version and matches the reference symbol", arguments: QRErrorCorrection.allCases)
    func sweep(level: QRErrorCorrection) throws {
        let expected = Self.expectedDigests[level] ?? []
        try #require(expected.count == 40)
        for version in QRBlockStructure.versions {
            let capacity = Self.byteCapacity(version: version, level: level)
            let payload = (0..<capacity).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ version &* 7) }
            let code = try QRCode(bytes: payload, errorCorrection: level, mask: QRMaskPattern(reference: version % 8))
            #expect(code.version == version)
            #expect(Self.digest(code) == expected[version - 1], "version \(version)")
        }
    }

    static let expectedDigests: [QRErrorCorrection: [UInt64]] = [
        .low: [
            0x38A1B4E127D00BF0, 0x60A9C6C4CFDF20F8, 0xEA9C781B6EFBB5DA, 0x456276A36F2B98C6,
            0x17A9EC73A2A0745D, 0x9333D261BCE4C3BB, 0x81700B6550CFECA5, 0x764CEB9043106CFE,
            0x82C11FD4961D58D0, 0x4565009065F161B7, 0x04EE423D0778160A, 0xD81DA69841FDDE5E,
            0xBC81DBD98D8AE0AE, 0x60707701BC103164, 0x7396F6C23C1FBF73, 0x5AA8A2DA2ECFB97B,
            0x23CA426F59C64F4D, 0x0C312C9C895C160C, 0x5F914A10DC8B8266, 0x78D9303AE801C15D,
            0x5640F7A168BA0BED, 0x2294E7FD08EF0485, 0x3DCFD0516A1921D7, 0x5FFF52AC53CE9145,
            0xF1F2AA2DDCAB37B1, 0xAC0784B3F9A6E3CA, 0x10DC2BE211DD1232, 0x6E8EE4D48A379662,
            0x4718741D6B177DED, 0xFA069A85BFAB42A7, 0x75701C3FE6B87D7B, 0x7BE7CD0D240402CE,
            0x66680307B3C9C4DD, 0x45B17A53155BC033, 0x7D2514B3E65F62C7, 0x433D7E04FA067F76,
            0x43C2F780743BA347, 0xBA2F5D889E3B627C, 0xB071E48E75399235, 0x0BB5945C60DBB811,
        ],
        .medium: [
            0xB060D5F13952D8FC, 0xBC526C5D49350E1E, 0xACCF6388AA34E06B, 0xCA2EE124EA9D1023,
            0x7FCBB64366D2F00D, 0x4A13772112DA7A80, 0x7CDC35D831341DA7, 0xFD3C3E4AC3006E83,
            0xD3EEF6D3016E2F9F, 0x96321E39C19E1F83, 0x05234685F06E5C17, 0x65D95614A35B08DC,
            0xB19EDA0880D7A33A, 0x043056D970080514, 0x3F197DA49967971B, 0xAD2D1B714F2D21F0,
            0x29B1431D1EA007ED, 0x733A33B58703C824, 0x751484569EB9BC16, 0x4FCF81AA3799A77D,
            0x1C904B991DD31C0E, 0x04A10828A488301D, 0xD4E5F1E063AB7736, 0xC2E1078D73B1EFF4,
            0x4809896BFB355DC1, 0x02D690691830264B, 0x356D9725B9923BC5, 0x7CECEC1CA50BEC8A,
            0x080C959B2681E8F2, 0x6E6ADC336030D680, 0x520D4266CDCCA7BD, 0x17B72CA4B928F631,
            0xADDE43038E56E413, 0xEEC291A8DDAD0378, 0x820AC6F68FFA5C3F, 0x7D69453F29A34C02,
            0x5349A1F47E1BF691, 0x52E758A5989B1923, 0x907FAE7874FB78AE, 0xB4F55D835DFEDADE,
        ],
        .quartile: [
            0xF874706B52C52E9F, 0x3504FA6C48B48565, 0x9270CE8C33C85102, 0x383FB3AE81B6EBB6,
            0x15AE1257E4CD8D48, 0x1AC211BAE2060C2B, 0x8308DADFB2E688D1, 0x807841237D224E91,
            0x7D02FADD264EEF2E, 0xFB512BC726772756, 0x174B6A08C2B2706A, 0x4EF7D426FFC35ACB,
            0x8604EDE38B973CC1, 0xB499F4820755F1AC, 0xDC3F8CD5F5C94578, 0xBCA7BB493F99CF11,
            0xE7BBA8F05FEAF729, 0x7D65C48E7D2D30E2, 0x12FCB9FFFFFFE63B, 0x878EC0B6105702CF,
            0x96EB852D5965B262, 0xA0BE054A25D21792, 0x8838B5623457DF5C, 0xB55318F8CC8E5C70,
            0x6A2A69A598FDDF97, 0x5DD81832A7CE5FD1, 0x162F6A7722E835B5, 0x452CB800E8878BCD,
            0x15152AD4E4304038, 0x913F89618FE956A6, 0xF5E4DEEA1EF466DB, 0x40A1626A5547A06D,
            0x161D3871645EA20A, 0xEAF309A80D725AB6, 0x67150D58A648ED48, 0x3B4FF50BFEE34C2C,
            0x72E3D58FDB90B25E, 0x37F4E16848D0FF25, 0xB05A702DEECAE96A, 0xF27AEED8C0A0F12D,
        ],
        .high: [
            0x2737D51F17EE6C45, 0xF6259EF9240175E8, 0xBBA44CEBA9490404, 0x78F737D6503B66C8,
            0xF64CCD37C517B643, 0xF72FF2434204BF6C, 0xC67FA06F52B19DDC, 0xB1F72ED8A0057AF2,
            0x99F87F883E9855B9, 0x46CC9AA9AB7CCD2B, 0x4D9F9702234DF5FB, 0x2B6E49EF495E6E6F,
            0x01D92C388692384E, 0x43A9D91E172C9380, 0x7F17E1380D863B48, 0xD2F58ABB58A4FE39,
            0xE84D4555B3CB5314, 0xC47DCAC7A50FA294, 0xED83F8C2943264AD, 0x2D5A41CB900C688F,
            0x7D57EC8A6609A39F, 0x201CE3A62E0C52C3, 0xF518B423491C5851, 0x0E86B2A40FD39C7C,
            0x192EC58C8A66A311, 0x98A5E4760AE96675, 0x75D249470B40F320, 0xFF110B5FE5290836,
            0xF2B1E773CC31BD16, 0x6FEB847EC06D6A7F, 0x475A3310005602A5, 0x0FA4A21FF8F0FC2D,
            0x3882C3D8EC575058, 0x9C86B58A4D88CF02, 0x2B259707E4AF634C, 0x8C420C54011F52FD,
            0xD33B8EA07FCFB83D, 0x4876CC731B67CE12, 0xF7DB7A9BAE44A73D, 0xF15D5D3340DB93A3,
        ],
    ]
}
