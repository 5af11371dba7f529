import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// 32 operators at their counters: each signs in through the card simulator (the real login path), looks up
/// citizens by ID number, then accepts cases one after another for the measured period. Afterwards a lookup
/// phase measures finding a person by ID number among all registered citizens.
struct CaseLoad {
    let url: String
    let sample: Sample
    let clients: Int
    let seconds: Double
    let lookupSeconds: Double
    let lookupClients: Int
    let items: [Int]
    let baseline: String?
    let naive: String?
    /// The acceptance phase also ends when this file appears (scripts/bench-backup: the load spans the backup).
    let stopFile: String?
    /// Cases per second across all clients (0: as fast as the server answers). A county numbers at most 99,999 cases
    /// a day (`CaseNumber.sequences`), so a long phase at full speed would run out of today's numbers.
    let rate: Double

    struct Sample: Decodable {
        let operators: [UUID]
        let citizens: [String]
    }

    init(options: BenchOptions) throws {
        url = try options.string("url")
        sample = try JSONDecoder().decode(Sample.self, from: Data(contentsOf: URL(fileURLWithPath: try options.string("sample"))))
        clients = try options.int("clients", default: 32)
        seconds = try options.double("seconds", default: 15)
        lookupSeconds = try options.double("lookup-seconds", default: 5)
        lookupClients = try options.int("lookup-clients", default: 4)
        items = try options.string("items", default: "20,21,24,38").split(separator: ",").compactMap { Int($0) }
        baseline = try? options.string("baseline")
        naive = try? options.string("naive")
        stopFile = try? options.string("stop-file")
        rate = try options.double("rate", default: 0)
        guard sample.operators.count >= clients else {
            throw BenchError("the sample has \(sample.operators.count) operators, \(clients) needed: generate-data --operators")
        }
        guard sample.citizens.count >= clients * 4 else { throw BenchError("the sample has too few citizens") }
    }

    func run() async throws {
        try await withBenchClient(connections: clients * 2) { try await measure($0) }
    }

    private func measure(_ http: HTTPClient) async throws {
        // Sign in and find each operator's citizens (not measured).
        let perClient = sample.citizens.count / clients
        let counters = try await withThrowingTaskGroup(of: Counter.self) { group in
            for index in 0..<clients {
                let people = Array(sample.citizens[(index * perClient)..<((index + 1) * perClient)].prefix(8))
                group.addTask { [self] in
                    var counter = try await Counter.signIn(http, base: url, person: sample.operators[index])
                    for idNumber in people { counter.citizens.append(try await counter.lookUp(idNumber).citizen) }
                    return counter
                }
            }
            return try await group.reduce(into: [Counter]()) { $0.append($1) }
        }
        print("signed in \(counters.count) operators; accepting cases for \(formatted(seconds, decimals: 0)) s")
        // Written at once even into a file: scripts/bench-backup waits for this line before it starts the backup.
        fflush(nil)

        // Phase 1: every operator accepts cases as fast as the server answers.
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        let results = try await withThrowingTaskGroup(of: (Latencies, Int).self) { group in
            for (index, counter) in counters.enumerated() {
                group.addTask { [items, stopFile, rate, counters] in
                    var latencies = Latencies()
                    var failures = 0
                    var round = index
                    // At a set rate each client keeps its own schedule, one case every `clients / rate` seconds.
                    let interval = rate > 0 ? Double(counters.count) / rate : 0
                    var next = started.addingTimeInterval(interval * Double(index) / Double(counters.count))
                    while Date() < deadline, !(stopFile.map { FileManager.default.fileExists(atPath: $0) } ?? false) {
                        if interval > 0 {
                            let wait = next.timeIntervalSinceNow
                            if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
                            next = next.addingTimeInterval(interval)
                        }
                        let citizen = counter.citizens[round % counter.citizens.count]
                        let item = items[round % items.count]
                        round += 1
                        let begin = DispatchTime.now().uptimeNanoseconds
                        let accepted = try await counter.accept(citizen: citizen, item: item)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
                        if !accepted { failures += 1 }
                    }
                    return (latencies, failures)
                }
            }
            return try await group.reduce(into: (Latencies(), 0)) { $0.0.append(contentsOf: $1.0); $0.1 += $1.1 }
        }
        let elapsed = Date().timeIntervalSince(started)
        let accepted = results.0.samples.count - results.1
        guard results.1 == 0 else { throw BenchError("\(results.1) case submissions were not accepted") }
        let casesPerSecond = Double(accepted) / elapsed
        print("cases: \(accepted) accepted in \(formatted(elapsed)) s = \(formatted(casesPerSecond, decimals: 0))/s; "
              + "p50 \(formatted(results.0.percentileMilliseconds(50))) ms, p99 \(formatted(results.0.percentileMilliseconds(99))) ms, "
              + "max \(formatted(results.0.percentileMilliseconds(100))) ms")

        // Phase 2: look people up by ID number (the page of the person, audited), a few counters at once.
        let lookupDeadline = Date().addingTimeInterval(lookupSeconds)
        let lookups = try await withThrowingTaskGroup(of: Latencies.self) { group in
            for index in 0..<lookupClients {
                let counter = counters[index]
                group.addTask { [sample] in
                    var latencies = Latencies()
                    var position = index * 7919
                    while Date() < lookupDeadline {
                        let idNumber = sample.citizens[position % sample.citizens.count]
                        position += 13
                        let begin = DispatchTime.now().uptimeNanoseconds
                        _ = try await counter.lookUp(idNumber)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: Latencies()) { $0.append(contentsOf: $1) }
        }
        print("lookups: \(lookups.samples.count) by ID number with \(lookupClients) clients; "
              + "p50 \(formatted(lookups.percentileMilliseconds(50))) ms, p99 \(formatted(lookups.percentileMilliseconds(99))) ms")
        // The script adds the in-process lookup and prints the RESULT line.
        var result = "cases_per_s=\(Int(casesPerSecond.rounded())) p99_ms=\(formatted(results.0.percentileMilliseconds(99)))"
        if let baseline { result += " sqlite_txn_per_s=\(baseline)" }
        result += " lookup_page_p99_ms=\(formatted(lookups.percentileMilliseconds(99), decimals: 2))"
        if let naive { result += " naive_vapor_per_s=\(naive)" }
        print(result)
    }
}

/// One signed-in operator: its cookies and CSRF token, and the citizens it serves.
struct Counter: Sendable {
    let http: HTTPClient
    let base: String
    let cookie: String
    let csrf: String
    var citizens: [String] = []

    static func signIn(_ http: HTTPClient, base: String, person: UUID) async throws -> Counter {
        let login = try await send(http, .GET, base + "/login", cookie: nil)
        guard let browser = login.cookies["jjb_login"], let ticket = firstMatch(#"ticket=([A-Za-z0-9_\-]+)"#, in: login.body) else {
            throw BenchError("login page without ticket (is the server in development mode?)")
        }
        let scan = try await send(http, .POST, base + "/dev/card-simulator", cookie: nil,
                                  form: ["ticket": ticket, "person_id": person.uuidString])
        guard scan.status == .ok else { throw BenchError("card simulator answered \(scan.status)") }
        let complete = try await send(http, .POST, base + "/login/complete", cookie: "jjb_login=\(browser)", form: ["ticket": ticket])
        guard let session = complete.cookies["jjb_session"] else {
            throw BenchError("login/complete answered \(complete.status) without a session (an operator with two accounts?)")
        }
        let cookie = "jjb_session=\(session)"
        let page = try await send(http, .GET, base + "/citizens", cookie: cookie)
        guard let csrf = firstMatch(#"name="_csrf" value="([^"]+)""#, in: page.body) else { throw BenchError("no CSRF token on /citizens") }
        return Counter(http: http, base: base, cookie: cookie, csrf: csrf)
    }

    /// `POST /citizens/lookup`, then the page it redirects to (post/redirect/get), as a browser does: the time of both
    /// is the lookup page's. The redirect names the person (`/citizens/<id>`); its success message rides a cookie.
    func lookUp(_ idNumber: String) async throws -> (citizen: String, status: HTTPResponseStatus) {
        let found = try await Self.send(http, .POST, base + "/citizens/lookup", cookie: cookie, form: ["_csrf": csrf, "id_number": idNumber])
        guard found.status == .seeOther, let location = found.location,
              let citizen = Self.firstMatch(#"^/citizens/([0-9A-Fa-f\-]{36})$"#, in: location) else {
            throw BenchError("lookup answered \(found.status) without a redirect to the person's page")
        }
        let notice = found.cookies.map { "; \($0.key)=\($0.value)" }.joined()
        let page = try await Self.send(http, .GET, base + location, cookie: cookie + notice)
        guard page.status == .ok else { throw BenchError("the person's page answered \(page.status)") }
        return (citizen, page.status)
    }

    /// `POST /cases`: true when the case was accepted (303 to the case page).
    func accept(citizen: String, item: Int) async throws -> Bool {
        let response = try await Self.send(http, .POST, base + "/cases", cookie: cookie, form: [
            "_csrf": csrf, "citizen": citizen, "item": String(item), "submission": UUID().uuidString,
            "documents_checked": "yes", "note": "",
        ])
        return response.status == .seeOther && (response.location ?? "").hasPrefix("/cases/")
    }

    struct Reply {
        let status: HTTPResponseStatus
        let body: String
        let cookies: [String: String]
        let location: String?
    }

    /// `http://host:port` of a URL.
    static func origin(of url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else { return nil }
        return "\(scheme)://\(host)" + (parts.port.map { ":\($0)" } ?? "")
    }

    static func send(_ http: HTTPClient, _ method: HTTPMethod, _ url: String, cookie: String?, form: [String: String]? = nil)
        async throws -> Reply
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if method != .GET, let origin = Self.origin(of: url) {
            // As a browser on one of the site's pages: state-changing requests name the site (S09).
            request.headers.add(name: "Origin", value: origin)
        }
        if let form {
            let body = form.map { key, value in "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        var cookies: [String: String] = [:]
        for header in response.headers[canonicalForm: "Set-Cookie"] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            if let equals = pair.firstIndex(of: "=") {
                cookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
        }
        return Reply(status: response.status, body: String(buffer: body), cookies: cookies,
                     location: response.headers.first(name: "Location"))
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
