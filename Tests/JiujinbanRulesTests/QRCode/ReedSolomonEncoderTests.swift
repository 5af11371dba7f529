import Testing
@testable import JiujinbanRules

@Suite("Reed–Solomon over GF(256)")
struct ReedSolomonEncoderTests {
    @Test("α generates the whole multiplicative group and the logarithm table inverts it")
    func fieldTables() {
        let powers = (0..<255).map { GaloisField256.exponentials[$0] }
        #expect(Set(powers).count == 255)
        #expect(!powers.contains(0))
        #expect(GaloisField256.exponentials[8] == 0x1D, "α⁸ = x⁴ + x³ + x² + 1 under 0x11D")
        for value in 1...255 {
            #expect(Int(GaloisField256.exponentials[GaloisField256.logarithms[value]]) == value)
        }
    }

    @Test("multiplication is commutative, has 1 as identity and 0 as annihilator")
    func multiplication() {
        for a in UInt8(0)...UInt8(255) {
            #expect(GaloisField256.multiply(a, 1) == a)
            #expect(GaloisField256.multiply(a, 0) == 0)
            #expect(GaloisField256.multiply(a, 0x53) == GaloisField256.multiply(0x53, a))
        }
        #expect(GaloisField256.multiply(0x80, 0x02) == 0x1D)
    }

    /// ISO/IEC 18004 Annex A lists generator polynomials by the exponents of α in their coefficients.
    @Test("generator polynomials match Annex A", arguments: [
        (7, [87, 229, 146, 149, 238, 102, 21]),
        (10, [251, 67, 46, 61, 118, 70, 64, 94, 32, 45]),
    ])
    func generatorPolynomial(degree: Int, exponents: [Int]) {
        let encoder = ReedSolomonEncoder(errorCorrectionCodewords: degree)
        #expect(encoder.generator == exponents.map { GaloisField256.exponentials[$0] })
    }

    /// The widely published 1-M "HELLO WORLD" block (alphanumeric data, but the block code does not care).
    @Test("known block: 1-M HELLO WORLD")
    func helloWorldBlock() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let encoder = ReedSolomonEncoder(errorCorrectionCodewords: 10)
        #expect(encoder.errorCorrectionCodewords(for: data) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    /// Byte-mode "Jiujinban" at 1-M, as produced by the Python `qrcode` package.
    @Test("known block: 1-M byte mode Jiujinban")
    func byteModeBlock() {
        let structure = QRBlockStructure(version: 1, errorCorrection: .medium)
        let data = QRCodewordSequence.dataCodewords(bytes: Array("Jiujinban".utf8), structure: structure)
        #expect(data == [64, 148, 166, 151, 86, 166, 150, 230, 38, 22, 224, 236, 17, 236, 17, 236])
        let encoder = ReedSolomonEncoder(errorCorrectionCodewords: structure.errorCorrectionCodewordsPerBlock)
        #expect(encoder.errorCorrectionCodewords(for: data) == [229, 152, 76, 53, 136, 123, 4, 112, 114, 168])
    }

    /// A codeword polynomial is a multiple of the generator, so it vanishes at every root α⁰ … αⁿ⁻¹.
    @Test("data plus check codewords evaluate to zero at the generator's roots")
    func syndromesVanish() {
        let data: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoder = ReedSolomonEncoder(errorCorrectionCodewords: 22)
        let codeword = data + encoder.errorCorrectionCodewords(for: data)
        for power in 0..<22 {
            let root = GaloisField256.exponentials[power]
            let value = codeword.reduce(UInt8(0)) { GaloisField256.multiply($0, root) ^ $1 }
            #expect(value == 0, "syndrome \(power)")
        }
    }
}
