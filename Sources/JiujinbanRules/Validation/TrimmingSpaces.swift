extension String {
    /// The text without leading and trailing spaces and tabs: what `trimmingCharacters(in: .whitespaces)` gives
    /// (Unicode category Zs and U+0009), without Foundation's bridging to `NSString`, which cost a third of an
    /// insurance import's time (every cell of a file of fifteen million rows is trimmed). A text with nothing to
    /// trim is returned as it is.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, Self.isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || scalar.value == 0x09 : scalar.properties.generalCategory == .spaceSeparator
    }
}
