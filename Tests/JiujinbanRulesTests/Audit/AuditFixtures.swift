import Crypto
import Foundation
import JiujinbanRules

/// Entries and chains for the audit tests: fixed key, fixed times, fixed ids.
enum AuditFixture {
    /// Bytes 0x00…0x1F.
    static var key: SymmetricKey { SymmetricKey(data: Data((0..<32).map { UInt8($0) })) }
    /// Another key: what someone without the real key would use.
    static var otherKey: SymmetricKey { SymmetricKey(data: Data(repeating: 0x5A, count: 32)) }

    /// 2026-11-29T08:15:30.123Z
    static let start = AuditInstant(millisecondsSince1970: 1_795_940_130_123)

    static let userID = UUID(uuidString: "3F2504E0-4F89-41D3-9A0C-0305E82C3301")!

    static func entry(_ sequence: Int64) -> AuditEntry {
        AuditEntry(
            sequence: sequence,
            occurredAt: AuditInstant(millisecondsSince1970: start.millisecondsSince1970 + sequence * 1000),
            userID: sequence == 1 ? nil : userID,
            role: sequence == 1 ? nil : "county_system_admin",
            orgUnit: "140830",
            ipAddress: "10.14.8.\(sequence)",
            action: sequence == 1 ? "login.failed" : "service_point.update",
            objectType: sequence == 1 ? nil : "service_point",
            objectID: sequence == 1 ? nil : "SP-\(sequence)",
            result: sequence == 1 ? .failed : .success,
            detail: "第\(sequence)次操作"
        )
    }

    /// A valid chain of rows 1…count made with `key`.
    static func chain(count: Int64, key: SymmetricKey = key) -> [StoredAuditRow] {
        var rows: [StoredAuditRow] = []
        for sequence in 1...count {
            rows.append(try! AuditChain.append(entry(sequence), after: rows.last?.head, key: key))
        }
        return rows
    }
}
