/// Text bound for an application log (checklist S20): one line whatever it holds, and no full ID number or phone.
///
/// Unlike `AuditDetail.sanitized`, which cleans text kept in the audit trail, this escapes, so an attempt to
/// forge a log line stays visible as such: `\n`, `\r` and `\t` become the two characters `\n`, `\r`, `\t`; other
/// C0 and C1 controls, the line and paragraph separators, bidirectional and zero-width characters become
/// their escape with four hex digits (U+2028 becomes `\u{2028}`). Runs of 11 or more digits are masked like a
/// phone (`138****5678`) or an ID number.
public enum LogText {
    public static func escaped(_ text: String) -> String {
        if isPlain(text) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if AuditDetail.isRemoved(scalar) || (AuditDetail.isLineBreakOrSpace(scalar) && scalar != " ") {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return AuditDetail.maskingDigitRuns(result)
    }

    /// Printable ASCII without a run of 11 or more digits: nothing to escape or mask, the common case of every line
    /// (request ids, paths, statuses), answered without building a copy.
    static func isPlain(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            guard (0x20...0x7E).contains(byte) else { return false }
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
                if digits >= 11 { return false }
            } else {
                digits = 0
            }
        }
        return true
    }
}
