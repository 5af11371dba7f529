import AsyncHTTPClient
import NIOPosix
import Foundation

/// `jiujinban-bench`: the load-test client behind `scripts/bench-cases`.
///
/// - `sqlite-baseline --database FILE --seconds S`: a bare SQLite transaction of the rows one accepted case writes
///   (sequence, case, step, audit row, audit head), in the same file format, pragmas and SQLite build as the
///   server, on one connection as fast as it goes. Prints `sqlite_txn_per_s=…`.
/// - `naive-server --database FILE --port P` and `naive-load --url URL --clients N --seconds S`: the reference the
///   issue calibrates on, a plain Vapor + Fluent handler writing two rows per request in one transaction through a
///   single SQLite connection, loaded the same way. Prints `naive_vapor_per_s=…`.
/// - `load --url URL --sample FILE --clients N --seconds S [--items 20,21,24,38]`: signs in N demonstration
///   operators through the card simulator, then each accepts cases at the counter (`POST /cases`) as fast as the
///   server answers; then looks citizens up by ID number. Prints the figures, the last line starting `RESULT`.
///   `--stop-file F` also ends the acceptance phase when F appears, `--rate R` paces all clients together at R
///   cases per second (scripts/bench-backup).
/// - `matching-load --url URL --sample FILE --clients N --seconds S [--path P --expect TEXT]`: operators open item
///   2's recommendation page (or the page at P, which must contain TEXT: item 33's in scripts/bench-insurance) of
///   the people their points may see. Prints `page_rps=… page_p99_ms=…`.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let options = try BenchOptions(Array(arguments.dropFirst()))
    switch arguments.first {
    case "sqlite-baseline":
        let rate = try SQLiteBaseline(path: try options.string("database")).run(seconds: try options.double("seconds", default: 5))
        print("sqlite_txn_per_s=\(Int(rate.rounded()))")
    case "load":
        try await CaseLoad(options: options).run()
    case "matching-load":
        try await MatchingLoad(options: options).run()
    case "naive-server":
        try await NaiveServer.run(database: try options.string("database"), port: try options.int("port", default: 18490))
    case "naive-load":
        let rate = try await NaiveLoad(options: options).run()
        print("naive_vapor_per_s=\(Int(rate.rounded()))")
    default:
        FileHandle.standardError.write(Data("usage: jiujinban-bench sqlite-baseline|load [options]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("jiujinban-bench: \(error)\n".utf8))
    exit(1)
}

struct BenchOptions {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let key = arguments[index]
            guard key.hasPrefix("--"), index + 1 < arguments.count else { throw BenchError("bad option near \(key)") }
            values[String(key.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
    }

    func string(_ key: String, default fallback: String? = nil) throws -> String {
        guard let value = values[key] ?? fallback else { throw BenchError("--\(key) is required") }
        return value
    }

    func int(_ key: String, default fallback: Int) throws -> Int {
        guard let text = values[key] else { return fallback }
        guard let value = Int(text) else { throw BenchError("--\(key) must be an integer") }
        return value
    }

    func double(_ key: String, default fallback: Double) throws -> Double {
        guard let text = values[key] else { return fallback }
        guard let value = Double(text) else { throw BenchError("--\(key) must be a number") }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Latencies in seconds → percentiles in milliseconds.
struct Latencies {
    private(set) var samples: [Double] = []

    mutating func append(_ seconds: Double) { samples.append(seconds) }
    mutating func append(contentsOf other: Latencies) { samples.append(contentsOf: other.samples) }

    func percentileMilliseconds(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank] * 1000
    }
}

func formatted(_ value: Double, decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f", value)
}

/// One HTTP client on its own event loop for a load phase, shut down however the phase ends.
func withBenchClient(connections: Int, _ body: (HTTPClient) async throws -> Void) async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
    configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
    let http = HTTPClient(eventLoopGroup: group, configuration: configuration)
    do {
        try await body(http)
        try await http.shutdown()
    } catch {
        try? await http.shutdown()
        throw error
    }
    try await group.shutdownGracefully()
}
