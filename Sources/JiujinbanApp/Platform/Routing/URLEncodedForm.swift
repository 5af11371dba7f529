import JiujinbanRules
import NIOCore
import Vapor

/// A URL-encoded form body as plain fields, read once per request: the CSRF check of every POST and the handler
/// share one reading (Vapor's decoder, run twice, was a visible share of accepting a case).
enum URLEncodedForm {
    /// The fields of `body`: `+` is a space and `%XX` a byte; of a repeated name the last value counts. nil when a
    /// name or value is not valid percent-encoded UTF-8.
    static func fields(_ body: ByteBuffer) -> [String: String]? {
        var fields: [String: String] = [:]
        for pair in body.readableBytesView.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = decoded(pair[..<(equals ?? pair.endIndex)]),
                  let value = equals.map({ decoded(pair[pair.index(after: $0)...]) }) ?? "" else { return nil }
            fields[name] = value
        }
        return fields
    }

    /// The request's form fields, read at first use and kept; nil when the body is not a URL-encoded form (or is
    /// not yet collected, or is malformed).
    static func fields(of request: Request) -> [String: String]? {
        if let kept = request.storage[Key.self] { return kept }
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.data, let fields = fields(body) else {
            return nil
        }
        request.storage[Key.self] = fields
        return fields
    }

    private struct Key: StorageKey {
        typealias Value = [String: String]
    }

    private static func decoded(_ bytes: ByteBufferView.SubSequence) -> String? {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(validating: bytes, as: UTF8.self)
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                result.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard bytes.distance(from: index, to: bytes.endIndex) >= 3,
                      let high = Hex.value(bytes[bytes.index(index, offsetBy: 1)]),
                      let low = Hex.value(bytes[bytes.index(index, offsetBy: 2)]) else { return nil }
                result.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 2)
            default:
                result.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(validating: result, as: UTF8.self)
    }
}
