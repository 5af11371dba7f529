import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("个人信息加密: sealed per column, tamper-evident, blind indexes per key and context")
struct PersonalDataCipherTests {
    static let idColumn = "citizens.id_number"
    static let phoneColumn = "citizens.phone"

    static func key(_ byte: UInt8) -> SymmetricKey { SymmetricKey(data: Data(repeating: byte, count: 32)) }

    let cipher = try! PersonalDataCipher(encryptionKey: key(1), indexKey: key(2))

    /// `sealed` with one byte of its decoded nonce ‖ ciphertext ‖ tag flipped.
    static func flipping(_ sealed: String, at position: (Int) -> Int) -> String {
        var bytes = Data(base64Encoded: String(sealed.dropFirst(3)))!
        let index = position(bytes.count)
        bytes[index] ^= 0x01
        return "v1:" + bytes.base64EncodedString()
    }

    @Test("a value sealed for a column opens for that column: Chinese text, an ID number, the empty string")
    func roundTrip() throws {
        for value in ["140830199001011232", "王小明", "芮城县古魏镇太安村 3 组", ""] {
            let sealed = try cipher.seal(value, context: Self.idColumn)
            #expect(sealed.hasPrefix("v1:"))
            #expect(!sealed.contains(value) || value.isEmpty)
            #expect(try cipher.open(sealed, context: Self.idColumn) == value)
        }
    }

    @Test("sealing the same value twice gives two different texts (a fresh nonce each time), both open")
    func freshNonce() throws {
        let first = try cipher.seal("13800001234", context: Self.phoneColumn)
        let second = try cipher.seal("13800001234", context: Self.phoneColumn)
        #expect(first != second)
        #expect(try cipher.open(first, context: Self.phoneColumn) == "13800001234")
        #expect(try cipher.open(second, context: Self.phoneColumn) == "13800001234")
    }

    @Test("a value copied into another column does not open there")
    func otherColumnRefused() throws {
        let sealed = try cipher.seal("140830199001011232", context: Self.idColumn)
        #expect(throws: PersonalDataCipher.Problem.unreadableCiphertext) { try cipher.open(sealed, context: Self.phoneColumn) }
        #expect(throws: PersonalDataCipher.Problem.unreadableCiphertext) { try cipher.open(sealed, context: "") }
    }

    @Test("a flipped bit in the nonce, the ciphertext or the tag, a cut or a wrong prefix is refused, never misread")
    func tamperingRefused() throws {
        let sealed = try cipher.seal("140830199001011232", context: Self.idColumn)
        let spoiled: [String] = [
            Self.flipping(sealed) { _ in 0 },                // nonce
            Self.flipping(sealed) { _ in 12 },               // first ciphertext byte
            Self.flipping(sealed) { $0 - 1 },                // tag
            "v1:" + Data(Data(base64Encoded: String(sealed.dropFirst(3)))!.dropLast()).base64EncodedString(),
            "v2:" + String(sealed.dropFirst(3)),
            String(sealed.dropFirst(3)),
            "v1:not base64!",
            "v1:",
            "",
        ]
        for text in spoiled {
            #expect(throws: PersonalDataCipher.Problem.unreadableCiphertext, "\(text)") { try cipher.open(text, context: Self.idColumn) }
        }
    }

    @Test("another encryption key does not open the value")
    func otherKeyRefused() throws {
        let sealed = try cipher.seal("王小明", context: Self.idColumn)
        let other = try PersonalDataCipher(encryptionKey: Self.key(3), indexKey: Self.key(2))
        #expect(throws: PersonalDataCipher.Problem.unreadableCiphertext) { try other.open(sealed, context: Self.idColumn) }
    }

    @Test("the blind index is the same for the same key, context and value, and differs across keys, contexts and values")
    func blindIndex() throws {
        let value = "140830199001011232"
        let index = cipher.blindIndex(value, context: Self.idColumn)
        #expect(index == cipher.blindIndex(value, context: Self.idColumn))
        // Another instance with the same keys finds the same row.
        let same = try PersonalDataCipher(encryptionKey: Self.key(9), indexKey: Self.key(2))
        #expect(same.blindIndex(value, context: Self.idColumn) == index)
        // Another index key, another context or another value gives another index.
        let otherKey = try PersonalDataCipher(encryptionKey: Self.key(1), indexKey: Self.key(4))
        #expect(otherKey.blindIndex(value, context: Self.idColumn) != index)
        #expect(cipher.blindIndex(value, context: Self.phoneColumn) != index)
        #expect(cipher.blindIndex("140830199001011240", context: Self.idColumn) != index)
        // The context and the value are kept apart: moving a character across the boundary changes the index.
        #expect(cipher.blindIndex("bc", context: "a") != cipher.blindIndex("c", context: "ab"))
        // HMAC-SHA256 in base64, and no trace of the value.
        #expect(Data(base64Encoded: index)?.count == 32)
        #expect(!index.contains(value))
    }

    @Test("keys that are not 32 bytes are refused, naming which")
    func keyLength() {
        #expect(throws: PersonalDataCipher.Problem.keyNot32Bytes("encryption")) {
            try PersonalDataCipher(encryptionKey: SymmetricKey(size: .bits128), indexKey: Self.key(2))
        }
        #expect(throws: PersonalDataCipher.Problem.keyNot32Bytes("index")) {
            try PersonalDataCipher(encryptionKey: Self.key(1), indexKey: SymmetricKey(data: Data(repeating: 2, count: 31)))
        }
    }
}
