import Crypto
import Foundation

/// 备份清单: what a backup file holds and how to check it, the first member of the archive (`manifest.json`),
/// followed by its signature (`manifest.sig`, HMAC-SHA256 with the audit key over the manifest's exact bytes).
///
/// The signature makes the whole file this deployment's own: every other member is named here with its size and
/// SHA-256, so a member edited, swapped, cut short or missing is found, and a manifest edited or made without the
/// key fails its signature. The key check values let a restore say *which* keys differ when the backup comes from
/// another deployment, before anything is unpacked.
public struct BackupManifest: Codable, Hashable, Sendable {
    public static let formatName = "jiujinban-backup"
    public static let currentVersion = 1
    public static let manifestMember = "manifest.json"
    public static let signatureMember = "manifest.sig"
    /// The database copy's member name (the file's name in the data folder may differ).
    public static let databaseMember = "database/jiujinban.sqlite"
    public static let archivesFolder = "audit-archives/"
    public static let anchorFolder = "audit-anchor/"

    public struct Member: Codable, Hashable, Sendable {
        public var path: String
        public var size: Int64
        public var sha256: String

        public init(path: String, size: Int64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    public var format: String = formatName
    public var version: Int = currentVersion
    /// When the copy was taken, milliseconds since 1970 (UTC).
    public var takenAtMilliseconds: Int64
    /// The instance that took it (`JIUJINBAN_INSTANCE`).
    public var instance: String
    public var keyCheckValues: KeyCheckValues
    /// The audit chain's last row in the copy, and the signed checkpoint of it (one line, `AuditCheckpoint.line`).
    public var auditRows: Int64
    public var auditCheckpoint: String
    /// Migrations applied to the copy, by name: a restore by an older build that lacks one can say so.
    public var migrations: [String]
    /// Row counts of the main tables, for comparison after a restore.
    public var counts: [String: Int64]
    public var members: [Member]

    public init(takenAtMilliseconds: Int64, instance: String, keyCheckValues: KeyCheckValues, auditRows: Int64,
                auditCheckpoint: String, migrations: [String], counts: [String: Int64], members: [Member]) {
        self.takenAtMilliseconds = takenAtMilliseconds
        self.instance = instance
        self.keyCheckValues = keyCheckValues
        self.auditRows = auditRows
        self.auditCheckpoint = auditCheckpoint
        self.migrations = migrations
        self.counts = counts
        self.members = members
    }

    /// The manifest's bytes as stored: sorted keys, so the same manifest always has the same signature.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func signature(of bytes: Data, key: SymmetricKey) -> String {
        Hex.encode(Data(HMAC<SHA256>.authenticationCode(for: bytes, using: key)))
    }

    /// Reads a manifest and checks it against this deployment, in the order that gives the most useful message:
    /// the format, then the keys (another deployment's backup), then the signature (an edited manifest).
    public static func open(_ bytes: Data, signature: String, expected: KeyCheckValues, auditKey: SymmetricKey)
        -> Result<BackupManifest, BackupProblem>
    {
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: bytes), manifest.format == formatName else {
            return .failure(.notABackup("清单 manifest.json 无法识别"))
        }
        guard manifest.version <= currentVersion else {
            return .failure(.newerFormat(manifest.version))
        }
        let mismatched = manifest.keyCheckValues.mismatches(against: expected)
        guard mismatched.isEmpty else { return .failure(.otherDeployment(mismatched)) }
        guard let mac = Hex.decode(signature.trimmingCharacters(in: .whitespacesAndNewlines)),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: bytes, using: auditKey) else {
            return .failure(.badSignature)
        }
        guard manifest.members.contains(where: { $0.path == databaseMember }) else {
            return .failure(.notABackup("清单中没有数据库副本"))
        }
        for member in manifest.members {
            guard BackupPath.isSafe(member.path), member.size >= 0 else {
                return .failure(.notABackup("清单中的文件名“\(member.path.prefix(80))”不安全"))
            }
        }
        return .success(manifest)
    }
}

/// Member names inside a backup: relative, no `..`, no absolute paths, nothing hidden, so unpacking never writes
/// outside the folder it unpacks into.
public enum BackupPath {
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= 255, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else {
            return false
        }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") }
    }
}

/// Why a backup file is refused, in the words an operator reads.
public enum BackupProblem: Error, Hashable, Sendable, CustomStringConvertible {
    case notABackup(String)
    case newerFormat(Int)
    case otherDeployment([String])
    case badSignature
    case truncated(String)
    case memberMismatch(String)
    case missingMember(String)
    case unexpectedMember(String)

    public var description: String {
        switch self {
        case .notABackup(let detail): "不是就近办的备份文件：\(detail)"
        case .newerFormat(let version): "备份格式版本为 \(version)，本程序只认识到版本 \(BackupManifest.currentVersion)：请用更新的程序恢复"
        case .otherDeployment(let keys):
            "备份来自另一套部署：以下密钥与本机配置不符（密钥校验值不同）：\(keys.joined(separator: "、"))。"
                + "请使用制作该备份时的密钥，或换用本部署的备份"
        case .badSignature: "备份清单的签名无效：清单被改动过，或不是用本部署的审计密钥制作的"
        case .truncated(let detail): "备份文件不完整（被截断）：\(detail)"
        case .memberMismatch(let path): "备份中的 \(path) 与清单记录的大小或校验值不符：文件已损坏或被改动"
        case .missingMember(let path): "备份中缺少清单列出的 \(path)：文件不完整"
        case .unexpectedMember(let path): "备份中有清单未列出的 \(path.prefix(80))：文件被改动过"
        }
    }
}
