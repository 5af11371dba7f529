#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import JiujinbanRules

/// Writes a backup's tar archive (`TarHeader`) a member at a time, streaming each file from disk, then flushes it.
final class BackupArchiveWriter {
    private let handle: FileHandle
    let url: URL
    /// The archive is gigabytes written while the server commits on the same disk: flushed as it goes.
    private var pacer: DiskPacer

    /// Creates `url`, which must not exist yet (a backup never overwrites a file).
    init(creating url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw BackupFileError.cannotCreate(url.path, errno: errno) }
        self.url = url
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        pacer = DiskPacer(descriptor: descriptor)
    }

    func add(_ name: String, data: Data) throws {
        try header(name, size: Int64(data.count))
        try write(data)
        try pad(Int64(data.count))
    }

    /// Adds a file's bytes; they must match `expected` (its size and SHA-256 as the manifest lists them), or the file
    /// changed since it was listed.
    func add(_ name: String, file: URL, expected: BackupManifest.Member) throws {
        try header(name, size: expected.size)
        var hasher = SHA256()
        var written: Int64 = 0
        try DurableFiles.read(file, leavingCache: true) { chunk in
            hasher.update(data: chunk)
            written += Int64(chunk.count)
            try write(chunk)
        }
        guard written == expected.size, Hex.encode(Data(hasher.finalize())) == expected.sha256 else {
            throw BackupFileError.changedWhileCopying(file.lastPathComponent)
        }
        try pad(written)
    }

    /// The end-of-archive marker, then the file flushed to disk and closed.
    func finish() throws {
        try write(Data(count: 2 * TarHeader.blockSize))
        try pacer.flush()
        try handle.close()
    }

    private func header(_ name: String, size: Int64) throws {
        guard let block = TarHeader(name: name, size: size, modified: Int64(Date().timeIntervalSince1970)).encoded() else {
            throw BackupFileError.nameTooLong(name)
        }
        try write(Data(block))
    }

    private func pad(_ size: Int64) throws {
        let padding = TarHeader.padding(for: size)
        if padding > 0 { try write(Data(count: padding)) }
    }

    private func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
        try pacer.wrote(data.count)
    }
}

/// Reads a backup's tar archive member by member, each member's content streamed to a handler.
struct BackupArchiveReader {
    private let handle: FileHandle
    private(set) var offset: Int64 = 0

    init(_ url: URL) throws {
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw BackupFileError.cannotOpen(url.path)
        }
    }

    func close() { try? handle.close() }

    /// The next member's header; nil at the end marker. A header that is damaged, or the file ending before the end
    /// marker, is a truncated or foreign file.
    mutating func next() throws -> TarHeader? {
        let block = try read(exactly: TarHeader.blockSize, what: "文件头")
        switch TarHeader.decode([UInt8](block)) {
        case .member(let header): return header
        case .end: return nil
        case nil: throw BackupProblem.notABackup("第 \(offset - Int64(TarHeader.blockSize)) 字节处不是有效的归档文件头")
        }
    }

    /// The member's content in chunks of at most a megabyte, then its padding skipped.
    mutating func content(of header: TarHeader, _ body: (Data) throws -> Void) throws {
        var remaining = header.size
        while remaining > 0 {
            let chunk = try read(exactly: Int(min(remaining, 1 << 20)), what: header.name)
            try body(chunk)
            // Gigabytes read once: they must not push the live database's pages out of the page cache.
            DiskPacer.dropCache(handle.fileDescriptor, from: offset - Int64(chunk.count), count: Int64(chunk.count))
            remaining -= Int64(chunk.count)
        }
        let padding = TarHeader.padding(for: header.size)
        if padding > 0 { _ = try read(exactly: padding, what: header.name) }
    }

    private mutating func read(exactly count: Int, what: String) throws -> Data {
        var data = Data()
        while data.count < count {
            guard let chunk = try handle.read(upToCount: count - data.count), !chunk.isEmpty else {
                throw BackupProblem.truncated("读到第 \(offset + Int64(data.count)) 字节时文件结束（\(what) 不完整）")
            }
            data.append(chunk)
        }
        offset += Int64(count)
        return data
    }
}

enum BackupFiles {
    /// A file's size and SHA-256, as the manifest lists it under `name`.
    static func member(_ name: String, file: URL) throws -> BackupManifest.Member {
        var hasher = SHA256()
        var size: Int64 = 0
        try DurableFiles.read(file, leavingCache: true) { chunk in
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return BackupManifest.Member(path: name, size: size, sha256: Hex.encode(Data(hasher.finalize())))
    }

    static func member(_ name: String, data: Data) -> BackupManifest.Member {
        BackupManifest.Member(path: name, size: Int64(data.count), sha256: Hex.encode(Data(SHA256.hash(data: data))))
    }

    /// Flushes a folder's entries (new and renamed files) to disk.
    static func syncFolder(_ url: URL) throws {
        if let code = DurableFiles.syncFolder(url.path) { throw BackupFileError.cannotSync(url.path, errno: code) }
    }
}

enum BackupFileError: Error, CustomStringConvertible {
    case cannotCreate(String, errno: Int32)
    case cannotOpen(String)
    case cannotSync(String, errno: Int32)
    case changedWhileCopying(String)
    case nameTooLong(String)

    var description: String {
        switch self {
        case .cannotCreate(let path, let code): "无法创建 \(path)：\(String(cString: strerror(code)))"
        case .cannotOpen(let path): "无法打开备份文件 \(path)：文件不存在或无读取权限"
        case .cannotSync(let path, let code): "无法将 \(path) 写入磁盘：\(String(cString: strerror(code)))"
        case .changedWhileCopying(let name): "\(name) 在备份过程中被改动，备份未完成：请重新备份"
        case .nameTooLong(let name): "文件名过长，无法放入备份：\(name.prefix(80))"
        }
    }
}
