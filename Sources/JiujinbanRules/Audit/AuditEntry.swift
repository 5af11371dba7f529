import Foundation

/// 审计结果: whether the audited action happened.
public enum AuditResult: String, Hashable, Sendable, CaseIterable {
    case success
    /// Refused by authorization, data scope, separation of duties or a lock.
    case denied
    /// Attempted and allowed, but it went wrong (bad signature, validation, storage error).
    case failed
}

/// 审计记录: one row of the platform's single append-only audit table (checklist S16, S18).
///
/// The values are exactly what the row stores; nothing here normalises them, because the chain hash covers the
/// stored bytes and a later change to a normalisation rule must not make old rows fail verification. Clean user
/// text with `AuditDetail.sanitized(_:)` before it goes into `detail`.
public struct AuditEntry: Hashable, Sendable {
    /// 1, 2, 3 … without gaps: a gap is a deleted row.
    public var sequence: Int64
    public var occurredAt: AuditInstant
    /// The account that acted; nil for an anonymous request (a failed login, a callback).
    public var userID: UUID?
    /// The role the user acted in (a person may hold several).
    public var role: String?
    /// The unit (provincial, city or county HR department, service point, bank branch) the user acted for.
    public var orgUnit: String?
    public var ipAddress: String?
    /// What happened, `area.verb`: `login.succeeded`, `service_point.create`, `audit.export`.
    public var action: String
    public var objectType: String?
    public var objectID: String?
    public var result: AuditResult
    /// Short free text; never a full ID number, phone, session id or ticket.
    public var detail: String

    public init(
        sequence: Int64, occurredAt: AuditInstant, userID: UUID?, role: String?, orgUnit: String?,
        ipAddress: String?, action: String, objectType: String?, objectID: String?, result: AuditResult,
        detail: String
    ) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.userID = userID
        self.role = role
        self.orgUnit = orgUnit
        self.ipAddress = ipAddress
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.result = result
        self.detail = detail
    }

    /// The canonical serialization of the entry (format version 1). It is covered by every stored hash, so it must
    /// never change; a new layout needs a new `AuditChain.formatVersion`.
    ///
    /// Fields in this order, each self-delimiting, so no two different entries give the same bytes:
    ///
    ///     fields = int64(sequence) ‖ int64(occurredAt.millisecondsSince1970) ‖ uuid?(userID)
    ///              ‖ text?(role) ‖ text?(orgUnit) ‖ text?(ipAddress) ‖ text(action)
    ///              ‖ text?(objectType) ‖ text?(objectID) ‖ text(result.rawValue) ‖ text(detail)
    ///     int64  = 8 bytes, big-endian two's complement
    ///     uuid?  = 0x00 when nil | 0x01 ‖ the 16 bytes of the UUID in RFC 4122 order
    ///     text   = uint32 big-endian count of UTF-8 bytes ‖ the UTF-8 bytes, exactly as stored (no normalisation)
    ///     text?  = 0x00 when nil | 0x01 ‖ text
    ///
    /// An empty string (`0x01 00000000`) and nil (`0x00`) are different.
    public var canonicalFields: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + detail.utf8.count)
        Self.append(int64: sequence, to: &bytes)
        Self.append(int64: occurredAt.millisecondsSince1970, to: &bytes)
        if let userID {
            bytes.append(0x01)
            withUnsafeBytes(of: userID.uuid) { bytes.append(contentsOf: $0) }
        } else {
            bytes.append(0x00)
        }
        Self.append(optionalText: role, to: &bytes)
        Self.append(optionalText: orgUnit, to: &bytes)
        Self.append(optionalText: ipAddress, to: &bytes)
        Self.append(text: action, to: &bytes)
        Self.append(optionalText: objectType, to: &bytes)
        Self.append(optionalText: objectID, to: &bytes)
        Self.append(text: result.rawValue, to: &bytes)
        Self.append(text: detail, to: &bytes)
        return bytes
    }

    private static func append(int64 value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: utf8)
    }

    private static func append(optionalText: String?, to bytes: inout [UInt8]) {
        guard let optionalText else { return bytes.append(0x00) }
        bytes.append(0x01)
        append(text: optionalText, to: &bytes)
    }
}
