#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JiujinbanRules
import NIOPosix
import Vapor

/// 恢复: a backup unpacked into the configured data folder, checked, and left ready for `serve`.
///
/// Nothing in the data folder changes until the whole backup has been read and held to its manifest, the copy has
/// passed `integrity_check`, its tables hold the counts the manifest recorded, and its audit chain verifies against
/// the checkpoint the backup carries: members are unpacked into a staging folder beside the data, and only then
/// renamed into place. A folder that already holds data is refused unless `--replace` is given; then the old files
/// are moved aside into `before-restore-<time>/`, never deleted. A folder a running server uses is always refused
/// (`DataFolderLock`).
enum Restore {
    struct Report: Sendable {
        var manifest: BackupManifest
        var movedAside: URL?
        var seconds: Double
    }

    /// Files a data folder may hold that a restore leaves alone: the development keys and the lock.
    static let keptFiles: Set<String> = ["development-keys.json", DataFolderLock.fileName]

    static func run(configuration: AppConfiguration, from backup: URL, replace: Bool, logger: Logger) async throws -> Report {
        let started = Date()
        guard case .sqlite(let databasePath) = configuration.database else {
            throw PublicError(.badRequest, "当前使用 PostgreSQL：请按 README“运维”一节用 pg_restore 恢复；jiujinban restore 恢复内嵌的 SQLite 数据库")
        }
        guard FileManager.default.isReadableFile(atPath: backup.path) else {
            throw PublicError(.badRequest, "--from：备份文件 \(backup.path) 不存在或无法读取")
        }
        let data = URL(fileURLWithPath: configuration.dataDirectory)
        let keys = try restoreKeys(configuration)
        guard let lock = try DataFolderLock.take(.exclusive, dataDirectory: data.path) else {
            throw PublicError(.conflict, "数据目录 \(data.path) 正被运行中的服务使用：请先停止服务再恢复（恢复不会替换运行中服务的数据）")
        }
        defer { withExtendedLifetime(lock) {} }
        let occupied = try occupiedEntries(data, database: databasePath)
        if !occupied.isEmpty, !replace {
            throw PublicError(.conflict, "数据目录 \(data.path) 不是空的（已有 \(occupied.prefix(5).map(\.lastPathComponent).joined(separator: "、"))）："
                              + "恢复将替换其中的数据库与审计文件。确认替换时加 --replace，原有文件会移到该目录下的 before-restore-时间/ 中")
        }

        let staging = data.appendingPathComponent(".restore-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: staging) }
        let manifest = try await SQLiteCopy.offThread { try BackupFile.read(backup, keys: keys, unpackInto: staging) }
        try await check(staging.appendingPathComponent(BackupManifest.databaseMember), manifest: manifest, keys: keys, logger: logger)

        var movedAside: URL?
        if !occupied.isEmpty {
            let aside = data.appendingPathComponent("before-restore-\(timestamp())")
            try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            for entry in occupied { try FileManager.default.moveItem(at: entry, to: aside.appendingPathComponent(entry.lastPathComponent)) }
            movedAside = aside
        }
        try FileManager.default.moveItem(at: staging.appendingPathComponent(BackupManifest.databaseMember),
                                         to: URL(fileURLWithPath: databasePath))
        for folder in [AuditArchiveFile.directoryName, AuditAnchorFolder.directoryName] {
            let unpacked = staging.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: unpacked.path) {
                try FileManager.default.moveItem(at: unpacked, to: data.appendingPathComponent(folder))
            }
        }
        try BackupFiles.syncFolder(data)
        return Report(manifest: manifest, movedAside: movedAside, seconds: Date().timeIntervalSince(started))
    }

    /// The unpacked copy as the backup described it: sound, the same rows, and its audit chain intact up to
    /// exactly the checkpoint the backup carries.
    private static func check(_ database: URL, manifest: BackupManifest, keys: SecretKeys, logger: Logger) async throws {
        let copy = try SQLiteCopy(path: database.path, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        defer { copy.close() }
        let problems = try await copy.integrityProblems()
        guard problems.isEmpty else {
            throw PublicError(.unprocessableEntity, "备份中的数据库未通过完整性检查（integrity_check）：\(problems.prefix(3).joined(separator: "；"))")
        }
        let counts = try await copy.tableCounts()
        if let differing = manifest.counts.keys.sorted().first(where: { counts[$0] != manifest.counts[$0] }) {
            throw PublicError(.unprocessableEntity, "备份中的数据库与清单不符：表 \(differing) 应有 \(manifest.counts[differing] ?? 0) 行，实有 \(counts[differing] ?? 0) 行")
        }
        var anchors = AuditAnchorReading()
        if !manifest.auditCheckpoint.isEmpty {
            guard let checkpoint = AuditCheckpoint.parse(manifest.auditCheckpoint), checkpoint.isAuthentic(key: keys.auditKey) else {
                throw PublicError(.unprocessableEntity, "备份携带的审计锚点签名无效")
            }
            anchors.checkpoints = [checkpoint]
        }
        let report = try await AuditCommand.verify(copy.database, key: keys.auditKey, anchors: anchors)
        if let failure = report.failure {
            throw PublicError(.unprocessableEntity, "备份中的审计日志校验失败，未恢复：\(failure)")
        }
        let rows = report.chain.lastVerified?.sequence ?? 0
        guard rows == manifest.auditRows else {
            throw PublicError(.unprocessableEntity, "备份中的审计日志有 \(rows) 行，与其锚点的第\(manifest.auditRows)行不符，未恢复")
        }
    }

    /// The keys the restored data needs: the configured ones, or in development the keys file already in the folder
    /// (a restore never makes new keys: data sealed with the old ones could not be read).
    private static func restoreKeys(_ configuration: AppConfiguration) throws -> SecretKeys {
        if let keys = configuration.keys { return keys }
        let file = (configuration.dataDirectory as NSString).appendingPathComponent("development-keys.json")
        guard FileManager.default.fileExists(atPath: file) else {
            throw PublicError(.badRequest, "未设置密钥环境变量（JIUJINBAN_DATA_KEY 等），数据目录中也没有开发密钥文件 development-keys.json："
                              + "生产环境请设置与制作备份时相同的密钥；开发环境请从原数据目录复制该文件")
        }
        return try DevelopmentKeys.loadOrCreate(in: configuration.dataDirectory)
    }

    /// What the data folder holds besides the keys and the lock, and the database file wherever it is.
    private static func occupiedEntries(_ data: URL, database: String) throws -> [URL] {
        var entries = ((try? FileManager.default.contentsOfDirectory(at: data, includingPropertiesForKeys: nil)) ?? [])
            .filter { !keptFiles.contains($0.lastPathComponent) && !$0.lastPathComponent.hasPrefix(".restore-") }
        for path in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
            let url = URL(fileURLWithPath: path)
            if !entries.contains(where: { $0.standardizedFileURL.path == url.standardizedFileURL.path }) { entries.append(url) }
        }
        return entries.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func timestamp() -> String { ShanghaiTime.text(Date(), format: "yyyyMMdd-HHmmss") }
}

/// `jiujinban restore --from FILE [--replace]`, run before the application opens its database (a restore must not
/// create one in the folder it is about to fill).
enum RestoreCommandLine {
    static let usage = "用法：jiujinban restore --from 备份文件 [--replace]"

    static func run(arguments: [String], configuration: AppConfiguration, logger: Logger) async -> Int32 {
        var from: String?
        var replace = false
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--from" where index + 1 < arguments.count:
                from = arguments[index + 1]
                index += 1
            case "--replace": replace = true
            case "--env", "-e": index += 1
            default:
                FileHandle.standardError.write(Data("错误：不认识的参数“\(arguments[index].prefix(40))”。\(usage)\n".utf8))
                return 2
            }
            index += 1
        }
        guard let from, !from.isEmpty else {
            FileHandle.standardError.write(Data("错误：--from：请给出备份文件。\(usage)\n".utf8))
            return 2
        }
        do {
            let report = try await Restore.run(configuration: configuration, from: URL(fileURLWithPath: from), replace: replace, logger: logger)
            let taken = ShanghaiTime.text(Date(timeIntervalSince1970: Double(report.manifest.takenAtMilliseconds) / 1000))
            print("恢复完成：备份制作于 \(taken)（实例 \(report.manifest.instance)），已校验数据库完整性、各表行数与审计日志"
                  + "（\(report.manifest.auditRows) 行，与备份携带的锚点一致）；用时 \(String(format: "%.1f", report.seconds)) 秒。")
            if let aside = report.movedAside { print("原有文件已移到 \(aside.path)") }
            print("可以启动服务：jiujinban serve")
            return 0
        } catch let error as PublicError {
            FileHandle.standardError.write(Data("错误：\(error.reason)\n数据目录未作任何改动。\n".utf8))
            return 1
        } catch let problem as BackupProblem {
            FileHandle.standardError.write(Data("错误：\(problem.description)\n数据目录未作任何改动。\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("错误：\(error)\n".utf8))
            return 1
        }
    }
}

/// A moment as Beijing time, for what a restore prints and names.
enum ShanghaiTime {
    static func text(_ date: Date, format: String = "yyyy-MM-dd HH:mm:ss") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
