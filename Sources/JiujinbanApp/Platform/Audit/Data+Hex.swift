import Foundation
import JiujinbanRules

extension Data {
    /// Lowercase hex. (Hashes are written on every request: `String(format:)` per byte costs more than the hash.)
    var hexEncoded: String { Hex.encode(self) }

    init?(hexEncoded hex: String) {
        guard let data = Hex.decode(hex) else { return nil }
        self = data
    }
}
