import Crypto
import Foundation

/// 密钥校验值: short public fingerprints of the deployment's keys, so a backup can say which keys its data needs
/// without carrying them. Each symmetric key's value is the first 8 bytes of `HMAC-SHA256(key, label)`, which
/// reveals nothing usable about the key; the card platform's public key is fingerprinted by SHA-256 of its X9.63
/// form. Two deployments with different keys have different values (up to a 2⁻⁶⁴ accident).
public struct KeyCheckValues: Codable, Hashable, Sendable {
    public var dataKey: String
    public var indexKey: String
    public var auditKey: String
    public var cardPlatformKey: String

    static let label = Data("jiujinban-key-check-value-v1".utf8)

    public init(dataKey: SymmetricKey, indexKey: SymmetricKey, auditKey: SymmetricKey, cardPlatformKey: P256.Signing.PublicKey) {
        self.dataKey = Self.value(of: dataKey)
        self.indexKey = Self.value(of: indexKey)
        self.auditKey = Self.value(of: auditKey)
        self.cardPlatformKey = Hex.encode(Data(SHA256.hash(data: cardPlatformKey.x963Representation)).prefix(8))
    }

    static func value(of key: SymmetricKey) -> String {
        Hex.encode(Data(HMAC<SHA256>.authenticationCode(for: label, using: key)).prefix(8))
    }

    /// The keys whose values differ from `other`'s, named as an operator knows them (the environment variables).
    public func mismatches(against other: KeyCheckValues) -> [String] {
        var names: [String] = []
        if dataKey != other.dataKey { names.append("JIUJINBAN_DATA_KEY（个人信息加密密钥）") }
        if indexKey != other.indexKey { names.append("JIUJINBAN_INDEX_KEY（检索索引密钥）") }
        if auditKey != other.auditKey { names.append("JIUJINBAN_AUDIT_KEY（审计密钥）") }
        if cardPlatformKey != other.cardPlatformKey { names.append("JIUJINBAN_CARD_PUBLIC_KEY（电子社保卡平台公钥）") }
        return names
    }
}
