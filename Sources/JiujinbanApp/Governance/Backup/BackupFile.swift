#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import JiujinbanRules

/// Reading a whole backup file: the manifest and its signature first, then every member held to the manifest's
/// size and SHA-256. The same reading checks a backup just written and unpacks one for a restore, so what restore
/// accepts is exactly what backup verified.
enum BackupFile {
    /// The largest manifest accepted (a real one is a few kilobytes; the cap keeps a foreign file from filling memory).
    static let manifestLimit: Int64 = 16 << 20

    /// Reads and checks the backup at `url`; with `folder`, unpacks each member under it (the folder must be new
    /// and empty: members are created, never overwritten).
    static func read(_ url: URL, keys: SecretKeys, unpackInto folder: URL? = nil) throws -> BackupManifest {
        var reader = try BackupArchiveReader(url)
        defer { reader.close() }
        guard let first = try reader.next(), first.name == BackupManifest.manifestMember, first.size <= manifestLimit else {
            throw BackupProblem.notABackup("第一项应为 \(BackupManifest.manifestMember)")
        }
        var manifestBytes = Data()
        try reader.content(of: first) { manifestBytes.append($0) }
        guard let second = try reader.next(), second.name == BackupManifest.signatureMember, second.size <= 1_024 else {
            throw BackupProblem.notABackup("第二项应为 \(BackupManifest.signatureMember)")
        }
        var signature = Data()
        try reader.content(of: second) { signature.append($0) }
        let manifest = try BackupManifest.open(manifestBytes, signature: String(decoding: signature, as: UTF8.self),
                                               expected: keys.checkValues, auditKey: keys.auditKey).get()
        var pending = Dictionary(manifest.members.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        while let header = try reader.next() {
            guard let member = pending.removeValue(forKey: header.name) else {
                throw BackupProblem.unexpectedMember(header.name)
            }
            guard header.size == member.size else { throw BackupProblem.memberMismatch(member.path) }
            let output = try folder.map { try create(member.path, under: $0) }
            var hasher = SHA256()
            try reader.content(of: header) { chunk in
                hasher.update(data: chunk)
                try output?.write(contentsOf: chunk)
            }
            try output?.synchronize()
            try output?.close()
            guard Hex.encode(Data(hasher.finalize())) == member.sha256 else { throw BackupProblem.memberMismatch(member.path) }
        }
        if let missing = pending.keys.sorted().first { throw BackupProblem.missingMember(missing) }
        return manifest
    }

    /// A new file for `path` (checked safe by the manifest) under `folder`, its folders made as needed.
    private static func create(_ path: String, under folder: URL) throws -> FileHandle {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw BackupFileError.cannotCreate(url.path, errno: errno) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

extension SecretKeys {
    /// The public fingerprints of these keys, as a backup records them.
    var checkValues: KeyCheckValues {
        KeyCheckValues(dataKey: dataKey, indexKey: indexKey, auditKey: auditKey, cardPlatformKey: cardPlatformKey)
    }
}
