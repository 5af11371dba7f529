import Foundation
import JiujinbanRules
import Testing

@Suite("Hex encoding")
struct HexTests {
    @Test("every byte value, as String(format: \"%02x\") writes it")
    func allBytes() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.encode(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.encode([UInt8]()) == "")
    }
}
