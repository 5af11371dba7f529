import Testing
@testable import JiujinbanRules

/// Whole symbols compared module for module with the Python `qrcode` package (ISO/IEC 18004 conformant).
/// The mask is fixed because encoders legitimately differ in how they break the penalty rules' ties
/// and in details of rule 3, which changes the mask they pick but not the symbol's validity.
@Suite("Known-answer symbols")
struct QRKnownAnswerTests {
    /// Row-major module bits, most significant bit first, dark = 1, padded with zeros to whole hex digits.
    static func moduleBits(_ code: QRCode) -> String {
        var bits = (0..<code.size).flatMap { y in (0..<code.size).map { x in code.isDark(x: x, y: y) } }
        bits += Array(repeating: false, count: (4 - bits.count % 4) % 4)
        return stride(from: 0, to: bits.count, by: 4).map { start in
            let nibble = bits[start..<(start + 4)].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
            return String(nibble, radix: 16)
        }.joined()
    }

    @Test("1-M byte-mode 'Jiujinban' with mask 3, drawn out")
    func versionOnePicture() throws {
        let code = try QRCode(bytes: Array("Jiujinban".utf8), errorCorrection: .medium, mask: QRMaskPattern(reference: 3))
        let picture = (0..<code.size).map { y in
            String((0..<code.size).map { x in code.isDark(x: x, y: y) ? "#" : "." })
        }
        #expect(picture == [
            "#######.#####.#######",
            "#.....#.##....#.....#",
            "#.###.#.....#.#.###.#",
            "#.###.#.##.#..#.###.#",
            "#.###.#..#.#..#.###.#",
            "#.....#...###.#.....#",
            "#######.#.#.#.#######",
            "........#####........",
            "#.##.###..###.#..#.##",
            "##..#....#.##..##...#",
            ".##.#.######.###...##",
            "..###..#.###.....#.##",
            "#.##..#.....#.##.#..#",
            "........#.##.#..#...#",
            "#######.#.########...",
            "#.....#.###....#####.",
            "#.###.#.....#.#####..",
            "#.###.#.####..#...##.",
            "#.###.#.#.#.#.#......",
            "#.....#...#..#.#....#",
            "#######.##...#....#..",
        ])
    }

    @Test("1-M byte-mode 'Jiujinban' under every mask", arguments: [
        "fe1bfc14106e80bb7495dbaeaec12507faafe00700aa30906a2ff9f3fe4a0338ae8c0079cbf8c7f04fb0bab305d01faeb26304c42feca18",
        "fecbfc12906eb4bb7435dba3aec14d07faafe00d00a3612ac0856ca6aae0a99dfbd9005363fb92b0451aba6655d2b52ea737046e8fe9f48",
        "fe7bfc10d06eb8bb75a5dba8aec16907faafe01400be53e642cc77cb1dc03bdb20b48077f3f949d05c3ebad08dd4fc2eaa8104fccfea990",
        "fefbfc16106e82bb75a5dba52ec11d07faafe01f00b73a5e42cc5afdc672e0bb20b4805a47faff105c3eba0be5d791aeaa81044a1fec420",
        "febbfc12d06e96bb75d5dbacaec14907faafe013008b97cdccf494c524d84a1c3cc500547ffbaa504b22ba9795d2c4ee84b9048d0feee88",
        "fe4bfc16d06eb8bb7565dba0aec10907faafe01c0082d67785d037cb1de0b9ddfbd9005773f949d0404fba508dd2f42e8737047ecfea990",
        "fecbfc16d06eb0bb7465dba9aec11107faafe00c009ff4bf85d03eef8ff8d85dfbd900547ffbdb90504fbac2c5d7722e87370472ffe8d00",
        "fe1bfc11106e84bb7495dba4aec16d07faafe0030096a5006a2febbada0327a8ae8c006b83f88ed05fb0ba1795d48dee9263048d0fed850",
    ].enumerated().map { ($0.offset, $0.element) })
    func versionOneEveryMask(mask: Int, expected: String) throws {
        let code = try QRCode(bytes: Array("Jiujinban".utf8), errorCorrection: .medium, mask: QRMaskPattern(reference: mask))
        #expect(Self.moduleBits(code) == expected)
    }

    /// Version 7 brings version information and six alignment patterns; 7-M splits data over four blocks.
    @Test("7-M binary payload with mask 5")
    func versionSeven() throws {
        let payload = Array(UInt8(32)..<UInt8(127)) + [0x00, 0x0A, 0xFF, 0xFE, 0x80, 0x7F] + Array("办办办".utf8)
        let code = try QRCode(bytes: payload, errorCorrection: .medium, mask: QRMaskPattern(reference: 5))
        #expect(code.version == 7)
        #expect(Self.moduleBits(code) == """
            fe332a3e8bfc1528570e906ea45a4144bb75b5eff4b5dba2ecf86baec12a64614107faaaaaaaafe016331316008285dff546754c953d\
            31d61ce7543c3e91b0bb4b08b3c6a45e9c4987ded1a3a6ee6f0c707f230652a67b968f4d170765c0627983435ed26aa597d3a1116bf1\
            9623e8bcebff97fa69fdfc69a467cc5a2afaaa4d6b911b9f1b9515fff0effebfc4e66bbcb87978c1005c3be8523a395d29c0f6130774\
            dbaaced6e4622faf242e9df82fbb5361984f2eb0f824250d81a7ab1b16c292035b3b44f2ee3b297049a009fac5fe004c8c4f545ff88e\
            2b2e6a104b531e8317ba5dcfd76f9dd3e60830456e9e9ce7542b04f837a048cfeaee1991330
            """)
    }

    @Test("text is encoded as its UTF-8 bytes")
    func textIsUTF8() throws {
        let text = "就近办 电子社保卡 扫码登录"
        let fromText = try QRCode(text: text)
        let fromBytes = try QRCode(bytes: Array(text.utf8))
        #expect(Self.moduleBits(fromText) == Self.moduleBits(fromBytes))
        #expect(fromText.version == 3)
    }
}
