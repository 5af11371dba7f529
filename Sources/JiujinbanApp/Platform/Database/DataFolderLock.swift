#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `<data>/jiujinban.lock`: a running server holds it shared, a restore holds it exclusively, so a restore never
/// replaces the files under a live server and a server never starts on a half-restored folder. The kernel drops
/// the lock when the process ends, however it ends (SIGKILL too), so there is no stale lock to clean up.
final class DataFolderLock: Sendable {
    static let fileName = "jiujinban.lock"

    enum Mode: Sendable {
        case shared
        case exclusive
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock at once or returns nil when another process holds it in a conflicting mode.
    static func take(_ mode: Mode, dataDirectory: String) throws -> DataFolderLock? {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PublicError(.internalServerError, "无法打开锁文件 \(path)：\(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return DataFolderLock(descriptor: descriptor)
    }
}
