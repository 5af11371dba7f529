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

    /// Whether one file passes the check on its own (size and kind), whatever else the form got wrong: only such a
    /// file is worth holding for the retry of a refused form.
    public static func passesOnItsOwn<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        !bytes.isEmpty && bytes.count <= maximumBytes && kind(of: bytes) != nil
    }
}

extension Screenshot {
    /// Checks uploaded images: at most `maximumCount` non-empty files, each PNG or JPEG by its bytes and at most
    /// `maximumBytes`. Problems go to `field`, naming the file; `noun` is what the files are (截图, 照片).
    public static func check(_ uploads: [ProblemReportDraft.Upload], maximumCount: Int, field: String, noun: String,
                             into errors: inout FieldErrors) -> [ProblemReportFacts.Image] {
        let files = uploads.filter { !$0.bytes.isEmpty }
        guard files.count <= maximumCount else {
            errors.add(field, "\(noun)最多\(maximumCount)张（现为\(files.count)张）")
            return []
        }
        var images: [ProblemReportFacts.Image] = []
        for file in files {
            let name = String(TextField.clean(file.name).prefix(60))
            if file.bytes.count > maximumBytes {
                errors.add(field, "\(noun)“\(name)”超过\(maximumBytes / 1024 / 1024)MB，请压缩后再上传")
            } else if let kind = kind(of: file.bytes) {
                images.append(ProblemReportFacts.Image(kind: kind, bytes: file.bytes))
            } else {
                errors.add(field, "“\(name)”不是PNG或JPEG图片，请上传\(noun)文件")
            }
        }
        return images
    }
}
