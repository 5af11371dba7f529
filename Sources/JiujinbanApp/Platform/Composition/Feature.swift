import Fluent
import JiujinbanRules
import Vapor

/// One part of the product as the application sees it: its routes, the migrations of its tables, the entries it
/// adds to the navigation and the page header, its command-line commands and its readings for `/metrics`. Each feature says this once, in `<Name>Feature.swift` in its own folder; the application
/// lists the features once (`App/ProductFeatures.swift`), and no other file names them. Its pages and endpoints are
/// declared beside it (`SiteURL+<Name>.swift`), its service items in its group's item list.
protocol Feature {
    /// Registers the feature's routes, each with the access it requires (`RoutesBuilder.get(_:_:use:)`).
    static func routes(_ app: Application)
    /// The migrations of the feature's tables. Every migration pins its name (`M00NN…`), and the platform runs the
    /// migrations of all features in the order of those numbers, so moving one between features changes nothing.
    static var migrations: [any Migration] { get }
    /// The entries the feature adds to the main navigation.
    static var navigation: [NavigationEntry] { get }
    /// The success messages its forms leave for the next page (`PageNotice`).
    static var notices: [PageNotice] { get }
    /// The links it adds to the signed-in user's box in the page header (`HeaderLink`), with any count they show.
    static var headerLinks: [HeaderLink] { get }
    /// Its commands (`jiujinban <name>`).
    static var commands: [FeatureCommand] { get }
    /// What `/metrics` reads of its tables at each scrape (`MetricsReading`).
    static var metricsReadings: [MetricsReading] { get }
}

extension Feature {
    static var migrations: [any Migration] { [] }
    static var navigation: [NavigationEntry] { [] }
    static var notices: [PageNotice] { [] }
    static var headerLinks: [HeaderLink] { [] }
    static var commands: [FeatureCommand] { [] }
    static var metricsReadings: [MetricsReading] { [] }
}

/// A command a feature offers on the command line, under its name.
struct FeatureCommand {
    let name: String
    let command: any AsyncCommand

    init(name: String, _ command: any AsyncCommand) {
        self.name = name
        self.command = command
    }
}

/// A link of the main navigation: the four service groups on the first line, the governance areas on the second,
/// each shown to the users its route's guard admits (`PageContext.mayOpen`): an entry states no permission of its own.
struct NavigationEntry: Sendable {
    enum Line: Sendable { case services, governance }
    let line: Line
    /// Place on its line (the entries of all features are sorted by it).
    let order: Int
    let label: String
    let url: SiteURL
    /// Narrows whom the entry is for, among those who may open it: shown only to users holding any of these (all of
    /// them when empty). It never widens the route's guard; the work calendar, open to every account, is listed only
    /// for those who load it or count deadlines with it.
    var requires: [Capability] = []
}

/// The features the application was built with, registered once at start-up (`register(_:on:)`).
struct FeatureSet: Sendable {
    let navigation: [NavigationEntry]
    /// The header links, in the order of the features; at most one is the person's name (`label` nil).
    let headerLinks: [HeaderLink]
    /// The counts the header links show, which the session lookup reads (`SessionLookup`).
    let sessionCounts: [SessionCount]
    let metricsReadings: [MetricsReading]
    private let notices: [String: PageNotice]

    init(_ features: [any Feature.Type]) {
        notices = Dictionary(features.flatMap { $0.notices }.map { ($0.key, $0) }) { first, second in
            preconditionFailure("two notices share the key \(first.key)")
        }
        navigation = features.flatMap { $0.navigation }.sorted { lhs, rhs in
            lhs.line == rhs.line ? lhs.order < rhs.order : lhs.line == .services
        }
        headerLinks = features.flatMap { $0.headerLinks }
        precondition(headerLinks.filter { $0.label == nil }.count <= 1, "two features link the person's name")
        sessionCounts = headerLinks.compactMap(\.count)
        precondition(Set(sessionCounts.map(\.key)).count == sessionCounts.count, "two header counts share a key")
        metricsReadings = features.flatMap { $0.metricsReadings }
    }

    /// The message registered under a notice cookie's key; nil for a key no feature declared.
    func notice(key: String) -> PageNotice? { notices[key] }

    /// Registers the features' migrations (in the order of their numbers) and navigation, before the database is
    /// prepared.
    static func register(_ features: [any Feature.Type], on app: Application) {
        for migration in migrations(of: features) {
            app.migrations.add(migration)
        }
        app.features = FeatureSet(features)
    }

    /// Registers the features' routes, once the database is ready.
    static func routes(_ features: [any Feature.Type], on app: Application) {
        for feature in features {
            feature.routes(app)
        }
        app.routeGuards = RouteGuards(app.routes.all)
    }

    /// Registers the features' commands.
    static func commands(_ features: [any Feature.Type], on app: Application) {
        for command in features.flatMap({ $0.commands }) {
            app.asyncCommands.use(command.command, as: command.name)
        }
    }

    /// The migrations of all features, in the order of the numbers their pinned names carry.
    static func migrations(of features: [any Feature.Type]) -> [any Migration] {
        features.flatMap { $0.migrations }.sorted { number($0) < number($1) }
    }

    /// The number a migration's pinned name carries (`JiujinbanApp.M0012CreateCases` → 12).
    static func number(_ migration: any Migration) -> Int {
        let type = migration.name.split(separator: ".").last ?? ""
        guard type.hasPrefix("M"), let number = Int(type.dropFirst().prefix(4)) else {
            preconditionFailure("migration \(migration.name) does not pin a name M00NN…")
        }
        return number
    }
}

extension Application {
    private struct FeatureSetKey: StorageKey { typealias Value = FeatureSet }

    /// The features registered at start-up: their navigation and header links for the page shell, their counts for
    /// the session lookup, their readings for `/metrics`.
    var features: FeatureSet {
        get {
            guard let set = storage[FeatureSetKey.self] else { preconditionFailure("features are registered in configure") }
            return set
        }
        set { storage[FeatureSetKey.self] = newValue }
    }
}
