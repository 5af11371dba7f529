/// Normalisation shared by the identifier parsers: what people type at a counter or on a phone keyboard.
enum TypedInput {
    /// Maps full-width forms (U+FF01–U+FF5E: `１２３`, `Ｘ`, `＋`, `－`) to their ASCII counterparts and removes every
    /// white-space scalar, including the ideographic space U+3000 that Chinese input methods insert.
    static func halfWidthWithoutSpaces(_ raw: String) -> String.UnicodeScalarView {
        var result = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars where !scalar.properties.isWhitespace {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.append(ascii)
            } else {
                result.append(scalar)
            }
        }
        return result
    }
}
