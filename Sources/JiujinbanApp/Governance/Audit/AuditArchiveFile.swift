#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A new archive file under the data directory, written durably: created exclusively (an existing file is never
/// overwritten), readable by the owner only, flushed to disk with `fsync`, its directory entry too, before the
/// rows it holds may be deleted.
struct AuditArchiveFile {
    static let directoryName = "audit-archives"

    let url: URL
    private let handle: FileHandle

    /// Creates `name` (made by the server, never from input) in `<dataDirectory>/audit-archives`.
    init(name: String, dataDirectory: String) throws {
        let directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent(Self.directoryName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        url = directory.appendingPathComponent(name)
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw AuditArchiveFileError.cannotCreate(url.path, errno: errno) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
    }

    /// Flushes the file and its directory entry to disk and closes the file.
    func finish() throws {
        try handle.synchronize()
        try handle.close()
        if let code = DurableFiles.syncFolder(url.deletingLastPathComponent().path) {
            throw AuditArchiveFileError.cannotSync(url.path, errno: code)
        }
    }
}

enum AuditArchiveFileError: Error, CustomStringConvertible {
    case cannotCreate(String, errno: Int32)
    case cannotSync(String, errno: Int32)

    var description: String {
        switch self {
        case .cannotCreate(let path, let code): "无法创建归档文件 \(path)：\(String(cString: strerror(code)))"
        case .cannotSync(let path, let code): "无法将归档文件 \(path) 写入磁盘：\(String(cString: strerror(code)))"
        }
    }
}
