import Crypto
import Foundation
import JiujinbanRules

/// The keys that never live in the database: personal-data encryption, the blind index, the audit chain's HMAC,
/// and the electronic social-security card platform's public key (plus, outside production, the simulator's
/// signing key that plays the card platform).
public struct SecretKeys: Sendable {
    public let dataKey: SymmetricKey
    public let indexKey: SymmetricKey
    public let auditKey: SymmetricKey
    public let cardPlatformKey: P256.Signing.PublicKey
    /// Only in development and tests: signs what the simulated phone sends.
    public let simulatorKey: P256.Signing.PrivateKey?

    public init(dataKey: SymmetricKey, indexKey: SymmetricKey, auditKey: SymmetricKey,
                cardPlatformKey: P256.Signing.PublicKey, simulatorKey: P256.Signing.PrivateKey?) {
        self.dataKey = dataKey
        self.indexKey = indexKey
        self.auditKey = auditKey
        self.cardPlatformKey = cardPlatformKey
        self.simulatorKey = simulatorKey
    }

    /// Fresh random keys with a simulator key pair: for tests and a new development data folder.
    public static func random() -> SecretKeys {
        let simulator = P256.Signing.PrivateKey()
        return SecretKeys(dataKey: SymmetricKey(size: .bits256), indexKey: SymmetricKey(size: .bits256),
                          auditKey: SymmetricKey(size: .bits256), cardPlatformKey: simulator.publicKey,
                          simulatorKey: simulator)
    }

    static let variables = ["JIUJINBAN_DATA_KEY", "JIUJINBAN_INDEX_KEY", "JIUJINBAN_AUDIT_KEY", "JIUJINBAN_CARD_PUBLIC_KEY"]

    /// Reads the four key variables. All or none: none means "use development keys" (refused in production by the
    /// caller); some but not all is a mistake worth stopping for.
    static func parse(_ variables: [String: String], problems: inout [ConfigurationError.Problem]) -> SecretKeys? {
        let present = Self.variables.filter { variables[$0] != nil }
        guard !present.isEmpty else { return nil }
        for missing in Self.variables where variables[missing] == nil {
            problems.append(.init(variable: missing, message: "缺失：密钥变量须四个同时设置（\(Self.variables.joined(separator: "、"))）"))
        }
        func symmetric(_ name: String) -> SymmetricKey? {
            guard let raw = variables[name] else { return nil }
            guard let data = Data(base64Encoded: raw.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                problems.append(.init(variable: name, message: "应为32字节随机数的Base64编码（如 openssl rand -base64 32 的输出）"))
                return nil
            }
            return SymmetricKey(data: data)
        }
        let data = symmetric("JIUJINBAN_DATA_KEY"), index = symmetric("JIUJINBAN_INDEX_KEY"), audit = symmetric("JIUJINBAN_AUDIT_KEY")
        var card: P256.Signing.PublicKey?
        if let raw = variables["JIUJINBAN_CARD_PUBLIC_KEY"] {
            do { card = try CardPlatformKey.publicKey(raw) } catch {
                problems.append(.init(variable: "JIUJINBAN_CARD_PUBLIC_KEY", message: "不是有效的P-256公钥（PEM或Base64）：\(error.description)"))
            }
        }
        guard let data, let index, let audit, let card else { return nil }
        return SecretKeys(dataKey: data, indexKey: index, auditKey: audit, cardPlatformKey: card, simulatorKey: nil)
    }
}

/// Development keys kept in a file beside the SQLite database (never in it), made on first start, so that a
/// restarted development server can still read what it encrypted. Production never uses this.
enum DevelopmentKeys {
    struct Stored: Codable {
        var dataKey: String
        var indexKey: String
        var auditKey: String
        var simulatorKey: String
    }

    static func loadOrCreate(in directory: String) throws -> SecretKeys {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("development-keys.json")
        if let data = try? Data(contentsOf: url) {
            let stored = try JSONDecoder().decode(Stored.self, from: data)
            guard let dataKey = Data(base64Encoded: stored.dataKey), let indexKey = Data(base64Encoded: stored.indexKey),
                  let auditKey = Data(base64Encoded: stored.auditKey),
                  let simulator = try? P256.Signing.PrivateKey(rawRepresentation: Data(base64Encoded: stored.simulatorKey) ?? Data())
            else { throw DevelopmentKeysError.unreadable(url.path) }
            return SecretKeys(dataKey: SymmetricKey(data: dataKey), indexKey: SymmetricKey(data: indexKey),
                              auditKey: SymmetricKey(data: auditKey), cardPlatformKey: simulator.publicKey, simulatorKey: simulator)
        }
        let keys = SecretKeys.random()
        func b64(_ key: SymmetricKey) -> String { key.withUnsafeBytes { Data($0).base64EncodedString() } }
        let stored = Stored(dataKey: b64(keys.dataKey), indexKey: b64(keys.indexKey), auditKey: b64(keys.auditKey),
                            simulatorKey: keys.simulatorKey!.rawRepresentation.base64EncodedString())
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try JSONEncoder().encode(stored).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return keys
    }
}

enum DevelopmentKeysError: Error, CustomStringConvertible {
    case unreadable(String)

    var description: String {
        switch self {
        case .unreadable(let path): "开发密钥文件 \(path) 已损坏；如无重要数据，可删除该文件及数据库后重启"
        }
    }
}
