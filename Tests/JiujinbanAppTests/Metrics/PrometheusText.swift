import Foundation

/// A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line is a `# HELP`,
/// a `# TYPE` or a sample `name{label="value",…} value [timestamp]`; every sample belongs to a family declared by
/// one `# TYPE` line before it. A line it cannot read is an error naming the line.
struct PrometheusText {
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let text: String
        let problem: String
        var description: String { "line \(line): \(problem): \(text)" }
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []

    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ problem: String) -> ParseError { ParseError(line: number, text: String(line), problem: problem) }
            if line.isEmpty { continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2, Self.isMetricName(parts[0]),
                      ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[1])) else { throw fail("bad TYPE") }
                guard types[String(parts[0])] == nil else { throw fail("second TYPE for one family") }
                types[String(parts[0])] = String(parts[1])
            } else if line.hasPrefix("# HELP ") {
                guard let name = line.dropFirst(7).split(separator: " ").first, Self.isMetricName(name) else { throw fail("bad HELP") }
            } else if line.hasPrefix("#") {
                continue
            } else {
                let sample: Sample
                do { sample = try Self.sample(Substring(line)) } catch { throw fail(error.problem) }
                guard types[family(of: sample.name)] != nil else { throw fail("sample before its family's TYPE") }
                samples.append(sample)
            }
        }
    }

    /// The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` belong to the histogram.
    func family(of name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    /// The samples of `name` whose labels include `labels`.
    func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The one sample's value, or nil when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples(name, labels)
        return found.count == 1 ? found[0].value : nil
    }

    static func isMetricName(_ name: Substring) -> Bool {
        name.range(of: "^[a-zA-Z_:][a-zA-Z0-9_:]*$", options: .regularExpression) != nil
    }

    private struct LineProblem: Error {
        let problem: String
        init(_ problem: String) { self.problem = problem }
    }

    private static func sample(_ line: Substring) throws(LineProblem) -> Sample {
        var rest = line[...]
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        guard isMetricName(name) else { throw LineProblem("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                guard key.range(of: "^[a-zA-Z_][a-zA-Z0-9_]*$", options: .regularExpression) != nil,
                      rest.dropFirst(key.count).hasPrefix("=\"") else { throw LineProblem("bad label name") }
                rest = rest.dropFirst(key.count + 2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw LineProblem("bad escape in label value")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw LineProblem("unterminated label value") }
                rest = rest.dropFirst()
                guard labels.updateValue(value, forKey: String(key)) == nil else { throw LineProblem("label twice") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw LineProblem("bad label list") }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard rest.first == " ", (2...3).contains(fields.count), fields[0].isEmpty else { throw LineProblem("bad value field") }
        let value: Double
        switch fields[1] {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let number = Double(fields[1]) else { throw LineProblem("value is not a number") }
            value = number
        }
        if fields.count == 3, Int64(fields[2]) == nil { throw LineProblem("bad timestamp") }
        return Sample(name: String(name), labels: labels, value: value)
    }
}
