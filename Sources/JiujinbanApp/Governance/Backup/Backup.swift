#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JiujinbanRules
import Vapor

/// 备份: one file that holds everything a restore needs besides the keys — a consistent copy of the SQLite
/// database taken while the server serves, the audit archives, a signed checkpoint of the copy's audit chain, and
/// the check values of the keys (never the keys) — verified before it is given its name.
///
/// 1. The anchor folder is read first: every checkpoint in it names rows committed before the copy begins.
/// 2. SQLite's online backup copies one snapshot (`SQLiteCopy.snapshot`); the server keeps writing meanwhile. Every
///    bulk write of the backup is paced and every bulk read leaves the page cache (`DiskPacer`), so the server's
///    commits and reads are not crowded out of the disk.
/// 3. The copy is checked: `integrity_check`, and its audit chain walked against those checkpoints.
/// 4. A checkpoint of the copy's last audit row is signed; it travels in the backup and anchors the restore.
/// 5. Manifest, signature, members are written to `<file>.partial`, flushed, read back and checked as a restore
///    would, and only then renamed to `<file>`: a file with the final name is always a whole, verified backup.
enum Backup {
    struct Report: Sendable {
        var file: URL
        var bytes: Int64
        var seconds: Double
        var auditRows: Int64
        var counts: [String: Int64]
        /// Set when the data folder had no audit checkpoint: the copy's chain is whole, but rows cut from its end
        /// before the backup could not be seen. The backup's own checkpoint anchors it from here on.
        var unanchored: String?
    }

    static func take(_ app: Application, to target: URL) async throws -> Report {
        let started = Date()
        let services = app.jiujinban
        guard case .sqlite(let databasePath) = services.configuration.database else {
            throw PublicError(.badRequest, "当前使用 PostgreSQL：请按 README“运维”一节用 pg_dump 或基础备份；jiujinban backup 备份内嵌的 SQLite 数据库")
        }
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: target.path) else {
            throw PublicError(.conflict, "--to：文件 \(target.path) 已存在；备份不会覆盖已有文件，请换一个文件名")
        }
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublicError(.badRequest, "--to：目录 \(folder.path) 不存在")
        }
        let work = folder.appendingPathComponent(".\(target.lastPathComponent).work-\(getpid())")
        let partial = folder.appendingPathComponent("\(target.lastPathComponent).partial")
        try fileManager.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fileManager.removeItem(at: work) }
        do {
            let report = try await write(app, database: databasePath, work: work, partial: partial)
            guard rename(partial.path, target.path) == 0 else { throw BackupFileError.cannotCreate(target.path, errno: errno) }
            try BackupFiles.syncFolder(folder)
            return Report(file: target, bytes: report.bytes, seconds: Date().timeIntervalSince(started),
                          auditRows: report.manifest.auditRows, counts: report.manifest.counts, unanchored: report.unanchored)
        } catch {
            try? fileManager.removeItem(at: partial)
            throw error
        }
    }

    private static func write(_ app: Application, database: String, work: URL, partial: URL) async throws
        -> (manifest: BackupManifest, bytes: Int64, unanchored: String?)
    {
        let services = app.jiujinban
        let key = services.keys.auditKey
        let dataDirectory = services.configuration.dataDirectory
        let anchors = AuditAnchorFolder(dataDirectory: dataDirectory).all(key: key)

        let copyURL = work.appendingPathComponent("jiujinban.sqlite")
        try await SQLiteCopy.snapshot(of: database, into: copyURL.path)
        let copy = try SQLiteCopy(path: copyURL.path, logger: app.logger, eventLoop: app.eventLoopGroup.any())
        defer { copy.close() }
        let problems = try await copy.integrityProblems()
        guard problems.isEmpty else {
            throw PublicError(.internalServerError, "数据库副本未通过完整性检查（integrity_check）：\(problems.prefix(3).joined(separator: "；"))")
        }
        let verification = try await AuditCommand.verify(copy.database, key: key, anchors: anchors)
        if !verification.passedExceptAnchor, let failure = verification.failure {
            throw PublicError(.internalServerError, "数据库副本的审计日志校验失败，未制作备份：\(failure)")
        }
        var checkpointLine = ""
        if let head = verification.chain.lastVerified {
            checkpointLine = AuditCheckpoint.sign(head: head, at: AuditInstant(services.clock.now()),
                                                  writer: "backup-\(services.configuration.instanceName)", key: key).line
        }

        // The members: the copy, the archives, the copy's checkpoint.
        var members = [try BackupFiles.member(BackupManifest.databaseMember, file: copyURL)]
        var files: [String: URL] = [BackupManifest.databaseMember: copyURL]
        let archives = URL(fileURLWithPath: dataDirectory).appendingPathComponent(AuditArchiveFile.directoryName)
        for file in (try? FileManager.default.contentsOfDirectory(at: archives, includingPropertiesForKeys: nil)) ?? []
        where !file.lastPathComponent.hasPrefix(".") {
            let name = BackupManifest.archivesFolder + file.lastPathComponent
            members.append(try BackupFiles.member(name, file: file))
            files[name] = file
        }
        let anchorName = BackupManifest.anchorFolder + "backup.\(AuditAnchorFolder.fileExtension)"
        let anchorData = Data((checkpointLine + "\n").utf8)
        if !checkpointLine.isEmpty { members.append(BackupFiles.member(anchorName, data: anchorData)) }

        let manifest = BackupManifest(
            takenAtMilliseconds: AuditInstant(services.clock.now()).millisecondsSince1970,
            instance: services.configuration.instanceName, keyCheckValues: services.keys.checkValues,
            auditRows: verification.chain.lastVerified?.sequence ?? 0, auditCheckpoint: checkpointLine,
            migrations: try await copy.migrations(), counts: try await copy.tableCounts(), members: members)
        let manifestBytes = try manifest.encoded()

        try await SQLiteCopy.offThread { [members, files] in
            let writer = try BackupArchiveWriter(creating: partial)
            try writer.add(BackupManifest.manifestMember, data: manifestBytes)
            try writer.add(BackupManifest.signatureMember, data: Data(BackupManifest.signature(of: manifestBytes, key: key).utf8))
            for member in members {
                if let file = files[member.path] {
                    try writer.add(member.path, file: file, expected: member)
                } else {
                    try writer.add(member.path, data: anchorData)
                }
            }
            try writer.finish()
            // Read back as a restore reads it: what was written is what was meant.
            _ = try BackupFile.read(partial, keys: services.keys)
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
        return (manifest, bytes, verification.unanchored)
    }
}

/// `jiujinban backup --to FILE`: a verified backup of the SQLite database while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "备份文件的路径（不得已存在）") var to: String?
    }

    var help: String { "备份：在服务运行时制作一致的数据库副本（含审计归档、审计锚点、密钥校验值），校验后写入一个文件" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let to = signature.to?.trimmingCharacters(in: .whitespaces), !to.isEmpty else {
            throw PublicError(.badRequest, "--to：请给出备份文件的路径，如 --to /backup/jiujinban-$(date +%F).tar")
        }
        // The server comes first: this process's copying yields the processor to it (the lowest priority).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        let report = try await Backup.take(context.application, to: URL(fileURLWithPath: to))
        let megabytes = String(format: "%.1f", Double(report.bytes) / 1_048_576)
        print("备份完成：\(report.file.path)（\(megabytes) MB，用时 \(String(format: "%.1f", report.seconds)) 秒）；"
              + "已校验数据库完整性与审计日志（\(report.auditRows) 行）；"
              + "办件 \(report.counts["cases"] ?? 0) 件，群众 \(report.counts["citizens"] ?? 0) 人。")
        if let unanchored = report.unanchored { print("注意：\(unanchored)。本备份已为其副本签署锚点。") }
    }
}
