import Foundation
import JiujinbanRules
import Vapor

/// Everything the process reads from its environment, parsed once at boot.
///
/// A missing or malformed value stops the boot with one message that names every bad variable, so an operator
/// fixes them all in one pass instead of one restart per mistake.
public struct AppConfiguration: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        /// Embedded SQLite file.
        case sqlite(path: String)
        /// PostgreSQL server (several app instances behind a load balancer share it).
        case postgres(url: String)

        public var kindName: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgres"
            }
        }
    }

    public var database: DatabaseChoice
    /// Load Ruicheng's demonstration data on an empty database.
    public var loadDemoData: Bool
    /// With the demonstration data, also the few demonstration people with an insurance ledger (items 28–37).
    /// Only the tests turn it off: most of them count on a demonstration database with no citizens.
    public var loadDemoLedger = true
    /// PostgreSQL connections per event loop.
    public var postgresPoolSize: Int
    /// Whether development-only routes and tools may exist (never true in production).
    public var isProduction: Bool
    /// Where development keys are kept when no key variables are set.
    public var dataDirectory: String
    /// Keys from the environment; nil outside production means development keys from `dataDirectory`.
    public var keys: SecretKeys?
    /// Mark cookies `Secure` (set when the platform is served over TLS, as in production).
    public var secureCookies: Bool
    /// Failed logins that lock a person's sign-in, within what window, for how long (S04).
    public var loginThrottle: LoginThrottle.Policy
    /// This instance's name among several on one database: names its audit checkpoints (`JIUJINBAN_INSTANCE`,
    /// default the host name).
    public var instanceName: String = AppConfiguration.defaultInstanceName
    /// The bearer token a Prometheus scraper presents at `GET /metrics` (`JIUJINBAN_METRICS_TOKEN`); nil: the route
    /// is not offered at all.
    public var metricsToken: String?
    /// With PostgreSQL, how long a request may take before it is answered 503 (`RequestDeadlineMiddleware`). The test
    /// suite raises it: a debug build parsing a 5 MB upload while every suite runs at once has taken over 25 s; the
    /// deadline guards against statements that never return, not against a slow build.
    public var requestDeadlineSeconds: Int64 = RequestDeadlineMiddleware.defaultSeconds

    public init(database: DatabaseChoice, loadDemoData: Bool, postgresPoolSize: Int = 4, isProduction: Bool = false,
                dataDirectory: String = defaultDataDirectory, keys: SecretKeys? = nil, secureCookies: Bool = false,
                loginThrottle: LoginThrottle.Policy = LoginThrottle.Policy()) {
        self.database = database
        self.loadDemoData = loadDemoData
        self.postgresPoolSize = postgresPoolSize
        self.isProduction = isProduction
        self.dataDirectory = dataDirectory
        self.keys = keys
        self.secureCookies = secureCookies
        self.loginThrottle = loginThrottle
    }

    public static let defaultDataDirectory = "./data"

    /// The host name, kept to letters, digits, `.`, `_` and `-` (it names a file).
    public static var defaultInstanceName: String {
        let name = ProcessInfo.processInfo.hostName
        return isValidInstanceName(name) ? name : "instance"
    }

    static func isValidInstanceName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.first != "."
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
    public static let sqliteFileName = "jiujinban.sqlite"

    /// Parses the process environment. `isProduction` comes from Vapor's `--env`/`VAPOR_ENV`.
    public static func parse(_ variables: [String: String], isProduction: Bool) throws(ConfigurationError) -> AppConfiguration {
        var problems: [ConfigurationError.Problem] = []

        // The data directory holds the SQLite file, the audit archives and development keys; with PostgreSQL it
        // still holds the archives.
        var dataDirectory = defaultDataDirectory
        if let dir = variables["JIUJINBAN_DATA_DIR"] {
            let trimmed = dir.trimmingCharacters(in: .whitespaces)
            var isDirectory: ObjCBool = false
            if trimmed.isEmpty {
                problems.append(.init(variable: "JIUJINBAN_DATA_DIR", message: "不能为空（不设置则使用 \(defaultDataDirectory)）"))
            } else if FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), !isDirectory.boolValue {
                problems.append(.init(variable: "JIUJINBAN_DATA_DIR", message: "\(trimmed) 已存在但不是目录"))
            } else {
                dataDirectory = trimmed
            }
        }
        var database = DatabaseChoice.sqlite(path: (dataDirectory as NSString).appendingPathComponent(sqliteFileName))
        if let url = variables["DATABASE_URL"] {
            if let problem = postgresURLProblem(url) {
                problems.append(.init(variable: "DATABASE_URL", message: problem))
            } else {
                database = .postgres(url: url)
            }
        }

        let keys = SecretKeys.parse(variables, problems: &problems)
        if isProduction, keys == nil, !SecretKeys.variables.contains(where: { variables[$0] != nil }) {
            for variable in SecretKeys.variables {
                problems.append(.init(variable: variable, message: "生产环境必须设置（密钥不得存放在数据库中）"))
            }
        }

        var secureCookies = isProduction
        if let raw = variables["JIUJINBAN_SECURE_COOKIES"] {
            switch raw.lowercased() {
            case "1", "true", "yes", "on": secureCookies = true
            case "0", "false", "no", "off": secureCookies = false
            default: problems.append(.init(variable: "JIUJINBAN_SECURE_COOKIES", message: "应为 true 或 false，现为“\(raw)”"))
            }
        }

        var loadDemoData = !isProduction
        if let raw = variables["JIUJINBAN_DEMO_DATA"] {
            switch raw.lowercased() {
            case "1", "true", "yes", "on": loadDemoData = true
            case "0", "false", "no", "off": loadDemoData = false
            default: problems.append(.init(variable: "JIUJINBAN_DEMO_DATA", message: "应为 true 或 false，现为“\(raw)”"))
            }
        }

        var poolSize = 4
        if let raw = variables["JIUJINBAN_DB_POOL_SIZE"] {
            if let value = Int(raw), (1...64).contains(value) {
                poolSize = value
            } else {
                problems.append(.init(variable: "JIUJINBAN_DB_POOL_SIZE", message: "应为1至64之间的整数，现为“\(raw)”"))
            }
        }

        let maxFailures = integer(variables, "JIUJINBAN_LOGIN_MAX_FAILURES", in: 1...100, default: 5, problems: &problems)
        let windowMinutes = integer(variables, "JIUJINBAN_LOGIN_FAILURE_WINDOW_MINUTES", in: 1...1_440, default: 15,
                                    problems: &problems)
        let lockMinutes = integer(variables, "JIUJINBAN_LOGIN_LOCK_MINUTES", in: 1...1_440, default: 30, problems: &problems)

        var instanceName = defaultInstanceName
        if let raw = variables["JIUJINBAN_INSTANCE"] {
            if isValidInstanceName(raw) {
                instanceName = raw
            } else {
                problems.append(.init(variable: "JIUJINBAN_INSTANCE", message: "应为1至64个字母、数字、“.”“_”“-”，现为“\(raw)”"))
            }
        }

        var metricsToken: String?
        if let raw = variables["JIUJINBAN_METRICS_TOKEN"] {
            // The value is a secret: the message says what is wrong with it, never the value itself.
            if let problem = metricsTokenProblem(raw) {
                problems.append(.init(variable: "JIUJINBAN_METRICS_TOKEN", message: problem))
            } else {
                metricsToken = raw
            }
        }

        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var configuration = AppConfiguration(
            database: database, loadDemoData: loadDemoData, postgresPoolSize: poolSize, isProduction: isProduction,
            dataDirectory: dataDirectory, keys: keys, secureCookies: secureCookies,
            loginThrottle: LoginThrottle.Policy(maxFailures: maxFailures, window: TimeInterval(windowMinutes * 60),
                                                lockDuration: TimeInterval(lockMinutes * 60)))
        configuration.instanceName = instanceName
        configuration.metricsToken = metricsToken
        return configuration
    }

    /// A whole number within `range`, or `fallback` when the variable is unset.
    static func integer(
        _ variables: [String: String], _ name: String, in range: ClosedRange<Int>, default fallback: Int,
        problems: inout [ConfigurationError.Problem]
    ) -> Int {
        guard let raw = variables[name] else { return fallback }
        if let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) { return value }
        problems.append(.init(variable: name, message: "应为\(range.lowerBound)至\(range.upperBound)之间的整数，现为“\(raw)”"))
        return fallback
    }

    /// Shortest accepted metrics token: 32 characters of `openssl rand -hex 32` or `-base64 32` carry at least 128 bits.
    static let metricsTokenMinimumLength = 32

    /// A metrics token must be long enough not to be guessed and sendable as it is in `Authorization: Bearer …`
    /// (RFC 6750's token characters), so a scraper's configuration cannot mangle it.
    static func metricsTokenProblem(_ raw: String) -> String? {
        let tokenCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=")
        guard raw.unicodeScalars.allSatisfy({ tokenCharacters.contains($0) }) else {
            return "只能由字母、数字和 - . _ ~ + / = 组成（不含空格、换行），可用 openssl rand -hex 32 生成"
        }
        guard raw.count >= metricsTokenMinimumLength, raw.count <= 1_024 else {
            return "长度应为\(metricsTokenMinimumLength)至1024个字符，现为\(raw.count)个字符；可用 openssl rand -hex 32 生成"
        }
        return nil
    }

    static func postgresURLProblem(_ raw: String) -> String? {
        guard let components = URLComponents(string: raw), let scheme = components.scheme else {
            return "不是有效的地址，应形如 postgres://用户:密码@主机:5432/数据库"
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            return "协议应为 postgres:// 或 postgresql://，现为 \(scheme)://"
        }
        guard let host = components.host, !host.isEmpty else { return "缺少主机名" }
        guard components.path.count > 1 else { return "缺少数据库名（地址末尾的 /数据库）" }
        return nil
    }
}

/// Every bad configuration variable at once.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public struct Problem: Sendable, Equatable {
        public let variable: String
        public let message: String
    }

    public let problems: [Problem]

    public var variables: [String] { problems.map(\.variable) }

    public var description: String {
        "配置错误，服务未启动（configuration error, not started）：\n"
            + problems.map { "  - \($0.variable)：\($0.message)" }.joined(separator: "\n")
    }
}
