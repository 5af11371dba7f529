import Foundation
@testable import JiujinbanApp
import Logging

/// Everything the application logs during a test, one entry per log call, as the production handler chain would
/// write it (`LineSafeLogHandler` in front).
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []

    /// A logger at `level` whose output lands here.
    func logger(level: Logger.Level = .trace) -> Logger {
        Logger(label: "jiujinban.test") { [self] label in
            LineSafeLogHandler(wrapping: CapturingLogHandler(label: label, capture: self), level: level)
        }
    }

    func append(_ entry: String) { lock.withLock { entries.append(entry) } }

    var all: [String] { lock.withLock { entries } }
    var text: String { all.joined(separator: "\n") }
}

/// Renders each entry like `StreamLogHandler`: level, label, metadata, message, source.
struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(label) : \(rendered) [\(event.source)] \(event.message)")
    }
}
