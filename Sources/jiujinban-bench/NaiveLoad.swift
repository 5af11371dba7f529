import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// N clients posting to the reference handler as fast as it answers.
struct NaiveLoad {
    let url: String
    let clients: Int
    let seconds: Double

    init(options: BenchOptions) throws {
        url = try options.string("url")
        clients = try options.int("clients", default: 32)
        seconds = try options.double("seconds", default: 10)
    }

    func run() async throws -> Double {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: clients * 2)
        let http = HTTPClient(eventLoopGroup: group, configuration: configuration)
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        let result: Result<Int, any Error>
        do {
            let count = try await withThrowingTaskGroup(of: Int.self) { tasks in
                for _ in 0..<clients {
                    tasks.addTask { [url] in
                        var done = 0
                        while Date() < deadline {
                            let reply = try await Counter.send(http, .POST, url + "/naive", cookie: nil, form: ["note": "参考"])
                            guard reply.status == .created else { throw BenchError("reference handler answered \(reply.status)") }
                            done += 1
                        }
                        return done
                    }
                }
                return try await tasks.reduce(0, +)
            }
            result = .success(count)
        } catch {
            result = .failure(error)
        }
        try await http.shutdown()
        try await group.shutdownGracefully()
        return Double(try result.get()) / Date().timeIntervalSince(started)
    }
}
