#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import JiujinbanRules

/// `<data>/audit-anchor/`: each instance's latest signed checkpoint of the audit chain (`AuditCheckpoint`), one
/// file per instance (`<instance>.checkpoint`, one line), replaced atomically and flushed to disk. Several instances
/// on one database share the folder (or each keeps its own); verification reads every file it finds.
struct AuditAnchorFolder {
    static let directoryName = "audit-anchor"
    static let fileExtension = "checkpoint"

    let directory: URL

    init(dataDirectory: String) {
        directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent(Self.directoryName)
    }

    func file(of instance: String) -> URL {
        directory.appendingPathComponent("\(instance).\(Self.fileExtension)")
    }

    /// Replaces the instance's checkpoint: written to a new file, flushed, renamed over the old one, and the folder
    /// flushed, so a crash leaves either the old checkpoint or the new one, never half of one. A write that fails (a
    /// full disk) removes its temporary file and leaves the old checkpoint in place; the next one starts afresh.
    func store(_ checkpoint: AuditCheckpoint, instance: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let target = file(of: instance)
        // One temporary file per process: the server and a command on the same host share the instance name.
        let temporary = directory.appendingPathComponent(".\(instance).\(getpid()).\(Self.fileExtension).tmp")
        do {
            try Self.writeFlushed(checkpoint.line + "\n", to: temporary.path)
            guard rename(temporary.path, target.path) == 0 else { throw AuditAnchorError.cannotWrite(target.path, errno: errno) }
        } catch {
            unlink(temporary.path)
            throw error
        }
        if let code = DurableFiles.syncFolder(directory.path) { throw AuditAnchorError.cannotWrite(directory.path, errno: code) }
    }

    /// Writes all of `text` (a short write is continued, so a full disk shows as `ENOSPC`) and flushes it.
    private static func writeFlushed(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw AuditAnchorError.cannotWrite(path, errno: errno) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw AuditAnchorError.cannotWrite(path, errno: written < 0 ? errno : EIO) }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw AuditAnchorError.cannotWrite(path, errno: errno) }
    }

    /// The instance's own last checkpoint, if its file holds an authentic one.
    func checkpoint(of instance: String, key: SymmetricKey) -> AuditCheckpoint? {
        guard let text = try? String(contentsOf: file(of: instance), encoding: .utf8),
              let checkpoint = AuditCheckpoint.parse(text), checkpoint.isAuthentic(key: key) else { return nil }
        return checkpoint
    }

    /// Every checkpoint in the folder, and the files that hold something else (a forged or damaged checkpoint, or
    /// one made with another deployment's key): those are reported, never silently skipped.
    func all(key: SymmetricKey) -> AuditAnchorReading {
        AuditAnchorReading.read(files: (try? FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == Self.fileExtension }) ?? [], key: key)
    }
}

/// Checkpoints read from files (the anchor folder, or lines an operator copied from the logs or another host).
struct AuditAnchorReading {
    var checkpoints: [AuditCheckpoint] = []
    var problems: [String] = []

    /// Every line of every file that carries a checkpoint counts; a line that looks like one but fails its
    /// signature, and a file with none at all, are problems.
    static func read(files: [URL], key: SymmetricKey, chain: String = AuditCheckpoint.platformChain) -> AuditAnchorReading {
        var reading = AuditAnchorReading()
        for url in files.sorted(by: { $0.path < $1.path }) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                reading.problems.append("无法读取锚点文件 \(url.lastPathComponent)")
                continue
            }
            var found = 0
            for line in text.split(whereSeparator: \.isNewline) where line.contains("\"checkpoint\"") {
                guard let checkpoint = AuditCheckpoint.parse(line), checkpoint.isAuthentic(key: key) else {
                    reading.problems.append("锚点文件 \(url.lastPathComponent) 中有签名无效的锚点（被篡改，或来自另一套部署的密钥）")
                    continue
                }
                guard checkpoint.chain == chain else { continue }
                reading.checkpoints.append(checkpoint)
                found += 1
            }
            if found == 0, !text.contains("\"checkpoint\"") {
                reading.problems.append("锚点文件 \(url.lastPathComponent) 中没有锚点")
            }
        }
        return reading
    }
}

enum AuditAnchorError: Error, CustomStringConvertible {
    case cannotWrite(String, errno: Int32)

    /// The disk (or the user's quota) is full.
    var isStorageFull: Bool {
        switch self {
        case .cannotWrite(_, let code): code == ENOSPC || code == EDQUOT
        }
    }

    var description: String {
        switch self {
        case .cannotWrite(let path, let code): "无法写入审计锚点 \(path)：\(String(cString: strerror(code)))"
        }
    }
}
