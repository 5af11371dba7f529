/// 调度表凭证: what a township attaches to an entered answer (column 23, 开展专题宣传) to show it was done — a
/// document (the poster, the notice, as PDF) or a photo (PNG or JPEG). The kind is read from the file's first bytes,
/// never from its name or the type the browser claims.
public enum ReportEvidence {
    public enum Kind: String, Sendable, CaseIterable {
        case pdf, png, jpeg

        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            }
        }

        public var isImage: Bool { self != .pdf }
    }

    public static let maximumBytes = 5 * 1024 * 1024

    /// The kind of `bytes`, or nil when they are neither a PDF document nor a PNG or JPEG image.
    public static func kind<Bytes: Collection>(of bytes: Bytes) -> Kind? where Bytes.Element == UInt8 {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return Screenshot.kind(of: bytes).map { $0 == .png ? .png : .jpeg }
    }

    /// Checks one uploaded file for `owner` (the point it belongs to): nil without a problem for an empty upload (no
    /// file chosen); nil with a problem on `field` for a file of another kind or over `maximumBytes`.
    public static func check(_ upload: ProblemReportDraft.Upload, field: String, owner: String, into errors: inout FieldErrors) -> Kind? {
        guard !upload.bytes.isEmpty else { return nil }
        let name = String(TextField.clean(upload.name).prefix(60))
        guard upload.bytes.count <= maximumBytes else {
            errors.add(field, "\(owner)：“\(name)”超过\(maximumBytes / 1024 / 1024)MB，请压缩后再上传")
            return nil
        }
        guard let kind = kind(of: upload.bytes) else {
            errors.add(field, "\(owner)：“\(name)”不是PDF文档或PNG、JPEG图片，请上传宣传材料或现场照片")
            return nil
        }
        return kind
    }
}
