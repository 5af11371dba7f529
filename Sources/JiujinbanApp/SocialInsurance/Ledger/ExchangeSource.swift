import Foundation
import JiujinbanRules

/// The records of an exchange file, read batch by batch and read again from the start for the second pass
/// (`LedgerImport` checks every row before it writes any). CSV is read from a memory-mapped file, so a file of
/// fifteen million rows is never held in memory; an .xlsx sheet (at most 1,048,576 rows) is unpacked once.
struct ExchangeSource {
    private enum Storage {
        case csv(Data, CSVReader)
        case sheet([CSVReader.Record], Int)
    }

    private var storage: Storage
    /// Bytes of the file: what the SHA-256 in the audit row is taken over.
    let fileData: Data
    let fileName: String

    static func open(path: String) throws -> ExchangeSource {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: path),
              let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw PublicError(.badRequest, "无法读取文件 \(url.lastPathComponent)：请用 --file 指定可读取的 .csv 或 .xlsx 文件")
        }
        switch url.pathExtension.lowercased() {
        case "csv":
            return ExchangeSource(storage: .csv(data, CSVReader()), fileData: data, fileName: url.lastPathComponent)
        case "xlsx":
            do {
                let records = try XLSXSheet.records(of: url)
                return ExchangeSource(storage: .sheet(records, 0), fileData: data, fileName: url.lastPathComponent)
            } catch let unreadable as XLSXSheet.Unreadable {
                throw PublicError(.badRequest, "\(url.lastPathComponent)：\(unreadable.message)")
            }
        default:
            throw PublicError(.badRequest, "文件应为 .csv（UTF-8）或 .xlsx，而不是“.\(url.pathExtension)”")
        }
    }

    /// Up to `limit` records; empty at the end.
    mutating func next(_ limit: Int) throws -> [CSVReader.Record] {
        switch storage {
        case .csv(let data, var reader):
            var batch: [CSVReader.Record] = []
            batch.reserveCapacity(limit)
            var failure: CSVReader.Problem?
            data.withUnsafeBytes { bytes in
                do throws(CSVReader.Problem) {
                    while batch.count < limit, let record = try reader.next(in: bytes) { batch.append(record) }
                } catch { failure = error }
            }
            storage = .csv(data, reader)
            if let failure { throw PublicError(.badRequest, "\(fileName)：\(failure.message)，未导入任何数据") }
            return batch
        case .sheet(let records, let position):
            let end = min(position + limit, records.count)
            storage = .sheet(records, end)
            return Array(records[position..<end])
        }
    }

    /// Back to the first record, for the second pass.
    mutating func rewind() {
        switch storage {
        case .csv(let data, _): storage = .csv(data, CSVReader())
        case .sheet(let records, _): storage = .sheet(records, 0)
        }
    }

    /// How far the reading has come, 0…1.
    var fraction: Double {
        switch storage {
        case .csv(let data, let reader): data.isEmpty ? 1 : Double(reader.offset) / Double(data.count)
        case .sheet(let records, let position): records.isEmpty ? 1 : Double(position) / Double(records.count)
        }
    }
}

/// A progress bar on standard error, redrawn at most once per percent: `[#####-----]  48% 校验 …`.
struct ImportProgress: Sendable {
    let write: @Sendable (String) -> Void

    static let standardError = ImportProgress { FileHandle.standardError.write(Data($0.utf8)) }
    static let silent = ImportProgress { _ in }

    func draw(_ label: String, fraction: Double, rows: Int, last: inout Int) {
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != last else { return }
        last = percent
        let filled = percent / 5
        write("\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "] "
              + String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0) + "\(percent)% \(label) \(rows) 行")
    }

    func finish() { write("\n") }
}
