/// Arithmetic in GF(2⁸) with the QR Code's field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D),
/// whose root α = 2 generates every non-zero element.
enum GaloisField256 {
    static let primitivePolynomial = 0x11D

    /// αⁱ for i in 0..<255; the table is doubled so a sum of two logarithms needs no reduction mod 255.
    static let exponentials: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= primitivePolynomial }
        }
        return table
    }()

    /// log_α(v) for non-zero v; entry 0 is never read.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponentials[power])] = power }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponentials[logarithms[Int(a)] + logarithms[Int(b)]]
    }
}

/// Computes the error-correction codewords of one block (ISO/IEC 18004 §7.5): the remainder of the data
/// polynomial times x^n divided by the generator polynomial (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
struct ReedSolomonEncoder: Sendable {
    /// Generator coefficients from the highest power down, without the leading 1.
    let generator: [UInt8]

    init(errorCorrectionCodewords count: Int) {
        precondition(count > 0 && count < 255, "a Reed–Solomon block over GF(256) has 1 to 254 check codewords")
        var coefficients: [UInt8] = [1]
        for power in 0..<count {
            let root = GaloisField256.exponentials[power]
            var product = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                product[index] ^= coefficient
                product[index + 1] ^= GaloisField256.multiply(coefficient, root)
            }
            coefficients = product
        }
        generator = Array(coefficients.dropFirst())
    }

    func errorCorrectionCodewords(for data: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for codeword in data {
            let factor = codeword ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in remainder.indices {
                remainder[index] ^= GaloisField256.multiply(generator[index], factor)
            }
        }
        return remainder
    }
}
