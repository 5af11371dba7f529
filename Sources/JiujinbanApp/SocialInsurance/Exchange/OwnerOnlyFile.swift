#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How `export-pending` writes its two files, which hold full ID numbers, a claim's full account number and a
/// person's phone and address: readable by their owner only (mode 0600, as the bank's batch file), written whole
/// beside the destination and then renamed over it in one step, so no one reads half a file and an earlier file's
/// looser mode is not kept.
enum OwnerOnlyFile {
    struct CannotWrite: Error {}

    static func write(_ data: Data, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let partial = destination.deletingLastPathComponent().appendingPathComponent("." + destination.lastPathComponent + ".part")
        try? FileManager.default.removeItem(at: partial)
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw CannotWrite() }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.close()
            guard rename(partial.path, destination.path) == 0 else { throw CannotWrite() }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
