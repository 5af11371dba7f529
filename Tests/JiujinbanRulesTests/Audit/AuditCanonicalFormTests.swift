import Crypto
import Foundation
import JiujinbanRules
import Testing

private func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

@Suite("审计哈希链 canonical form and hash")
struct AuditCanonicalFormTests {
    /// The documented layout, byte by byte. If this test fails, the stored format changed: every existing row
    /// would stop verifying. Introduce a new `formatVersion` instead.
    @Test func canonicalFieldsKnownAnswer() {
        let entry = AuditFixture.entry(2)

        let expected = "0000000000000002" + "000001a2265fa51b"
            + "01" + "3f2504e04f8941d39a0c0305e82c3301"
            + "01" + "00000013" + hex("county_system_admin".utf8)
            + "01" + "00000006" + hex("140830".utf8)
            + "01" + "00000009" + hex("10.14.8.2".utf8)
            + "00000014" + hex("service_point.update".utf8)
            + "01" + "0000000d" + hex("service_point".utf8)
            + "01" + "00000004" + hex("SP-2".utf8)
            + "00000007" + hex("success".utf8)
            + "0000000d" + "e7acac32e6aca1e6938de4bd9c"

        #expect(hex(entry.canonicalFields) == expected)
    }

    @Test func nilFieldsAreSingleZeroBytes() {
        let entry = AuditFixture.entry(1)

        let expected = "0000000000000001" + "000001a2265fa133" + "00" + "00"
            + "01" + "00000006" + hex("140830".utf8)
            + "01" + "00000009" + hex("10.14.8.1".utf8)
            + "0000000c" + hex("login.failed".utf8)
            + "00" + "00"
            + "00000006" + hex("failed".utf8)
            + "0000000d" + "e7acac31e6aca1e6938de4bd9c"

        #expect(hex(entry.canonicalFields) == expected)
    }

    /// Computed independently with Python's `hmac` from the documented layout; pins key use, version byte and the
    /// genesis hash as well as the field layout.
    @Test func hashKnownAnswer() {
        let first = AuditChain.hash(entry: AuditFixture.entry(1), previousHash: AuditChain.genesisHash, key: AuditFixture.key)
        let second = AuditChain.hash(entry: AuditFixture.entry(2), previousHash: first, key: AuditFixture.key)

        #expect(hex(first) == "dfe4fc120b9dbb9c09546ae184c90b587bc5a55da15a3e8ae6b86a980713edcc")
        #expect(hex(second) == "aec013be9f2c27c4f8f628b00a830bc27744f467f4599f6f121a0b398c5dd222")
    }

    @Test func recordIsVersionThenPreviousHashThenFields() {
        let entry = AuditFixture.entry(2)
        let previous = Data(repeating: 0xAB, count: 32)

        let record = AuditChain.record(entry: entry, previousHash: previous)

        #expect(record.first == 0x01)
        #expect(record.dropFirst().prefix(32) == previous)
        #expect(Array(record.dropFirst(33)) == entry.canonicalFields)
        #expect(AuditChain.genesisHash == Data(repeating: 0, count: 32))
    }

    @Test("moving bytes between neighbouring fields changes the bytes", arguments: [
        ("ab", "c", "a", "bc"),
        ("", "x", "x", ""),
        ("a\u{0}", "b", "a", "\u{0}b"),
    ] as [(String, String, String, String)])
    func fieldBoundariesAreUnambiguous(role1: String, unit1: String, role2: String, unit2: String) {
        var first = AuditFixture.entry(2)
        first.role = role1
        first.orgUnit = unit1
        var second = AuditFixture.entry(2)
        second.role = role2
        second.orgUnit = unit2

        #expect(first.canonicalFields != second.canonicalFields)
    }

    @Test func nilAndEmptyDiffer() {
        var empty = AuditFixture.entry(1)
        empty.role = ""

        #expect(empty.canonicalFields != AuditFixture.entry(1).canonicalFields)
    }

    @Test("every field is covered by the hash", arguments: AuditEdit.allCases)
    func everyFieldCovered(edit: AuditEdit) {
        let entry = AuditFixture.entry(2)
        let edited = edit.apply(to: entry)

        #expect(edited != entry)
        #expect(AuditChain.hash(entry: edited, previousHash: AuditChain.genesisHash, key: AuditFixture.key)
            != AuditChain.hash(entry: entry, previousHash: AuditChain.genesisHash, key: AuditFixture.key))
    }

    @Test func textIsNotNormalised() {
        var composed = AuditFixture.entry(2)
        composed.detail = "caf\u{E9}"
        var decomposed = AuditFixture.entry(2)
        decomposed.detail = "cafe\u{301}"

        #expect(composed.canonicalFields != decomposed.canonicalFields)
    }
}

/// One edit to each stored field, as someone with write access to the table might make.
enum AuditEdit: String, CaseIterable, Sendable {
    case sequence, occurredAt, userID, role, orgUnit, ipAddress, action, objectType, objectID, result, detail

    func apply(to entry: AuditEntry) -> AuditEntry {
        var entry = entry
        switch self {
        case .sequence: entry.sequence += 100
        case .occurredAt: entry.occurredAt = AuditInstant(millisecondsSince1970: entry.occurredAt.millisecondsSince1970 + 1)
        case .userID: entry.userID = UUID(uuidString: "00000000-0000-0000-0000-000000000001")
        case .role: entry.role = "province_system_admin"
        case .orgUnit: entry.orgUnit = "140800"
        case .ipAddress: entry.ipAddress = nil
        case .action: entry.action = "service_point.view"
        case .objectType: entry.objectType = "division"
        case .objectID: entry.objectID = "SP-99"
        case .result: entry.result = .denied
        case .detail: entry.detail += " "
        }
        return entry
    }
}
