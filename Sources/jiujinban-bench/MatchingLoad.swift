import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// A person's page under load: operators signed in through the card simulator each open the page of people their
/// point may see, as fast as the server answers. By default item 2's recommendation page
/// (`GET /jobs/recommendations/<citizen>`, which must show 20 ranked postings); `--path P --expect TEXT` opens
/// another (`--path /insurance/contributions/ --expect 缴费年度`: item 33's page, scripts/bench-insurance).
struct MatchingLoad {
    let url: String
    let path: String
    let expect: String
    let sample: Sample
    let clients: Int
    let seconds: Double

    struct Sample: Decodable {
        let operators: [UUID]
        let jobSeekers: [String: [UUID]]
    }

    init(options: BenchOptions) throws {
        url = try options.string("url")
        path = try options.string("path", default: "/jobs/recommendations/")
        expect = try options.string("expect", default: "推荐岗位（20个）")
        sample = try JSONDecoder().decode(Sample.self, from: Data(contentsOf: URL(fileURLWithPath: try options.string("sample"))))
        clients = try options.int("clients", default: 32)
        seconds = try options.double("seconds", default: 10)
    }

    func run() async throws {
        try await withBenchClient(connections: clients * 2) { try await measure($0) }
    }

    private func measure(_ http: HTTPClient) async throws {
        let staffed = sample.operators.filter { !(sample.jobSeekers[$0.uuidString] ?? []).isEmpty }
        guard !staffed.isEmpty else { throw BenchError("the sample has no job seekers: generate-data --job-seekers") }
        let counters = try await withThrowingTaskGroup(of: (Counter, [UUID]).self) { group in
            for index in 0..<clients {
                let person = staffed[index % staffed.count]
                group.addTask { [url, sample] in
                    (try await Counter.signIn(http, base: url, person: person), sample.jobSeekers[person.uuidString] ?? [])
                }
            }
            return try await group.reduce(into: [(Counter, [UUID])]()) { $0.append($1) }
        }
        // One page each first: the server loads its copy of the postings on the first request.
        for (counter, seekers) in counters {
            _ = try await Counter.send(http, .GET, url + path + seekers[0].uuidString.lowercased(), cookie: counter.cookie)
        }
        print("signed in \(counters.count) clients (\(staffed.count) operators); opening \(path) pages for \(formatted(seconds, decimals: 0)) s")
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        let results = try await withThrowingTaskGroup(of: (Latencies, Int).self) { group in
            for (index, (counter, seekers)) in counters.enumerated() {
                group.addTask { [url, path, expect] in
                    var latencies = Latencies()
                    var failures = 0
                    var round = index
                    while Date() < deadline {
                        let citizen = seekers[round % seekers.count]
                        round += 1
                        let begin = DispatchTime.now().uptimeNanoseconds
                        let page = try await Counter.send(http, .GET, url + path + citizen.uuidString.lowercased(),
                                                          cookie: counter.cookie)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
                        if page.status != .ok || !page.body.contains(expect) { failures += 1 }
                    }
                    return (latencies, failures)
                }
            }
            return try await group.reduce(into: (Latencies(), 0)) { $0.0.append(contentsOf: $1.0); $0.1 += $1.1 }
        }
        let elapsed = Date().timeIntervalSince(started)
        let pages = results.0.samples.count
        guard results.1 == 0 else { throw BenchError("\(results.1) of \(pages) pages did not answer 200 with “\(expect)”") }
        print("pages: \(pages) in \(formatted(elapsed)) s = \(formatted(Double(pages) / elapsed, decimals: 0))/s; "
              + "p50 \(formatted(results.0.percentileMilliseconds(50))) ms, p99 \(formatted(results.0.percentileMilliseconds(99))) ms")
        print("page_rps=\(Int((Double(pages) / elapsed).rounded())) page_p99_ms=\(formatted(results.0.percentileMilliseconds(99)))")
    }
}
