import JiujinbanRules
import Logging

/// Every application log line passes through this handler (S20), whatever wrote it: Vapor, Fluent, the drivers
/// or the platform.
///
/// - Messages and metadata values are escaped with `LogText.escaped`: one entry is one line, and a run of digits
///   long enough to be an ID number or a phone is masked.
/// - Values bound to database queries are replaced by `[redacted]` (Fluent's `input` and filter values, the SQL
///   drivers' `binds`): at `debug` they would write session CSRF tokens, names and other personal data.
/// - The level never goes below `debug`: at `trace` Vapor's HTTP decoder logs every request head and body part
///   as received, cookies, login tickets and form fields included.
public struct LineSafeLogHandler: LogHandler {
    private var wrapped: any LogHandler

    public init(wrapping handler: any LogHandler, level: Logger.Level) {
        wrapped = handler
        wrapped.logLevel = Swift.max(level, .debug)
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = Swift.max(newValue, .debug) }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = Self.escaped(newValue) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(Self.escaped) }
    }

    public func log(event: LogEvent) {
        guard event.level >= logLevel else { return }
        var escaped = event
        escaped.message = "\(LogText.escaped(event.message.description))"
        escaped.metadata = event.metadata.map(Self.escaped)
        wrapped.log(event: escaped)
    }

    static let boundValueKeys: Set<String> = ["binds", "input"]

    static func escaped(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result: Logger.Metadata = [:]
        for (key, value) in metadata {
            if boundValueKeys.contains(key) {
                result[key] = "[redacted]"
            } else if key == "filters" {
                result[key] = escaped(redactingFilterValues(value))
            } else {
                result[key] = escaped(value)
            }
        }
        return result
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(LogText.escaped(text))
        case .stringConvertible(let convertible): .string(LogText.escaped(convertible.description))
        case .array(let values): .array(values.map(escaped))
        case .dictionary(let dictionary): .dictionary(escaped(dictionary))
        }
    }

    /// Fluent describes a filter as `["field": …, "method": …, "value": …]`.
    static func redactingFilterValues(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .array(let values): .array(values.map(redactingFilterValues))
        case .dictionary(let dictionary):
            .dictionary(dictionary.reduce(into: [:]) { result, entry in
                result[entry.key] = entry.key == "value" ? "[redacted]" : redactingFilterValues(entry.value)
            })
        case .string, .stringConvertible: value
        }
    }
}
