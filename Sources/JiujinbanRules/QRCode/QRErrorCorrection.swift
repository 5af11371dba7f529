/// Error-correction level of a QR Code (ISO/IEC 18004 Table 9): the share of the symbol that may be
/// damaged and still be read is roughly 7 %, 15 %, 25 % and 30 % respectively.
public enum QRErrorCorrection: Sendable, CaseIterable {
    case low
    case medium
    case quartile
    case high

    /// The level's two-bit indicator in the format information (ISO/IEC 18004 §7.9).
    ///
    /// The standard numbers the levels M, L, H, Q as 00, 01, 10, 11, which is not their order of strength,
    /// so the indicator cannot be derived from the case order.
    var formatIndicator: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}

/// Why a payload could not be encoded as a QR Code.
public enum QRCodeError: Error, Equatable, Sendable {
    /// Even a version 40 symbol at the requested error-correction level holds only `capacity` bytes.
    case payloadTooLong(byteCount: Int, capacity: Int)
}
