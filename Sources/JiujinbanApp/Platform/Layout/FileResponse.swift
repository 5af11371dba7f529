import Vapor

/// Responses that are files rather than pages: an export to download, an image stored with a record. Never cached;
/// the security headers middleware adds `nosniff`, so a stored image is only ever what its checked type says.
enum FileResponse {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A CSV (with the byte-order mark Excel needs for UTF-8) or a .xlsx to save as `filename`.
    static func download(csv text: String, filename: String) -> Response {
        download(Response.Body(string: "\u{FEFF}" + text), type: "text/csv; charset=utf-8", filename: filename)
    }

    static func download(xlsx bytes: [UInt8], filename: String) -> Response {
        download(Response.Body(data: Data(bytes)), type: xlsxType, filename: filename)
    }

    /// A stored document to save: an ASCII name for old clients, the original name in UTF-8 beside it (RFC 6266).
    static func download(document bytes: Data, type: String, filename: String) -> Response {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: allowed) ?? "document"
        let ascii = filename.unicodeScalars.allSatisfy { allowed.contains($0) } ? filename : "document" + (filename.hasSuffix(".pdf") ? ".pdf" : "")
        let response = download(Response.Body(data: bytes), type: type, filename: ascii)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        return response
    }

    /// A stored image, shown inline.
    static func image(_ bytes: Data, mediaType: String) -> Response {
        let response = Response(status: .ok, body: .init(data: bytes))
        response.headers.replaceOrAdd(name: .contentType, value: mediaType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    private static func download(_ body: Response.Body, type: String, filename: String) -> Response {
        let response = Response(status: .ok, body: body)
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
