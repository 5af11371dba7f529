/// A screenshot attached to a problem report: PNG or JPEG, recognised by its first bytes (never by the name or the
/// type the browser claims), at most `maximumBytes`.
public enum Screenshot {
    public enum Kind: String, Sendable {
        case png, jpeg

        public var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
    }

    public static let maximumCount = 3
    public static let maximumBytes = 2 * 1024 * 1024

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The image kind of `bytes`, or nil when they are not a PNG or JPEG file.
    public static func kind<Bytes: Collection>(of bytes: Bytes) -> Kind? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(8))
        if head == pngSignature { return .png }
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        return nil
    }
}
