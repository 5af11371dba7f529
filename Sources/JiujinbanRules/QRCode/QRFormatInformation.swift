/// The BCH-protected fields that tell a reader how the rest of the symbol was made.
enum QRFormatInformation {
    /// Generator of the (15, 5) BCH code: x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1 (§7.9).
    static let formatGenerator = 0b101_0011_0111
    /// XOR-ed into the format bits so that no level/mask combination yields all-light format areas (§7.9).
    static let formatMask = 0x5412
    /// Generator of the (18, 6) BCH code: x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1 (§7.10).
    static let versionGenerator = 0b1_1111_0010_0101

    /// The 15 format bits, most significant first: level indicator, mask reference, BCH remainder, then masked.
    static func formatBits(errorCorrection: QRErrorCorrection, mask: QRMaskPattern) -> Int {
        let data = errorCorrection.formatIndicator << 3 | mask.reference
        return (data << 10 | bchRemainder(data, generator: formatGenerator, degree: 10)) ^ formatMask
    }

    /// The 18 version bits (§7.10), carried only by versions 7 and up, whose size readers cannot reliably
    /// infer from the timing pattern alone.
    static func versionBits(version: Int) -> Int {
        version << 12 | bchRemainder(version, generator: versionGenerator, degree: 12)
    }

    private static func bchRemainder(_ data: Int, generator: Int, degree: Int) -> Int {
        var remainder = data << degree
        for bit in stride(from: remainder.bitWidth - remainder.leadingZeroBitCount - 1, through: degree, by: -1)
        where remainder >> bit & 1 == 1 {
            remainder ^= generator << (bit - degree)
        }
        return remainder
    }
}
