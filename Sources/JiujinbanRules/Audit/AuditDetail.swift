/// The free-text detail of an audit row, or any user-supplied text headed for an application log (checklist S20).
public enum AuditDetail {
    public static let defaultMaximumLength = 200

    /// Text that cannot forge a log or audit line and cannot leak a full ID number or phone:
    ///
    /// - line breaks and tabs (`\n`, `\r`, `\t`, U+0085, U+2028, U+2029) become one space, so nothing can start a
    ///   new line; other C0/C1 control characters, the bidirectional controls (U+061C, U+200E, U+200F,
    ///   U+202A–U+202E, U+2066–U+2069) and zero-width characters that hide text are removed;
    /// - runs of spaces collapse and the ends are trimmed;
    /// - a run of 11 or more digits (ASCII or full-width, with a trailing `X` after 17 digits) is masked like a
    ///   phone (`138****5678`) or an ID number (`140830********1232`);
    /// - the result is cut to `maximumLength` characters, ending in `…` when cut. Characters are counted in Unicode
    ///   scalars, so a pile of combining marks cannot make one huge "character".
    public static func sanitized(_ text: String, maximumLength: Int = defaultMaximumLength) -> String {
        precondition(maximumLength > 0, "maximumLength must be positive")
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isLineBreakOrSpace(scalar) {
                pendingSpace = !scalars.isEmpty
            } else if !isRemoved(scalar) {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return truncated(maskingDigitRuns(String(scalars)), to: maximumLength)
    }

    static func isLineBreakOrSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
    }

    static func maskingDigitRuns(_ text: String) -> String {
        // Appended to a `String`, not a `UnicodeScalarView`: appending a run to the view rebuilt the whole text each
        // time, so a long message (an import's list of problems) took minutes to log.
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var run: [Unicode.Scalar] = []
        func flush() {
            guard !run.isEmpty else { return }
            var digits = ""
            digits.unicodeScalars.append(contentsOf: run)
            switch run.count {
            case 15...: result += Masking.maskedIDNumber(digits)
            case 11...: result += Masking.maskedPhone(digits)
            default: result += digits
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isDigit(scalar) || (run.count == 17 && "XxＸｘ".unicodeScalars.contains(scalar)) {
                run.append(scalar)
            } else {
                flush()
                result.unicodeScalars.append(scalar)
            }
        }
        flush()
        return result
    }

    private static func truncated(_ text: String, to maximumLength: Int) -> String {
        guard text.unicodeScalars.count > maximumLength else { return text }
        var kept = ""
        var scalarCount = 0
        for character in text {
            let size = character.unicodeScalars.count
            guard scalarCount + size <= maximumLength - 1 else { break }
            kept.append(character)
            scalarCount += size
        }
        return kept + "…"
    }
}
