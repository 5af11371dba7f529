// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Jiujinban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jiujinban", targets: ["jiujinban"]),
        .executable(name: "jiujinban-bench", targets: ["jiujinban-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // The load-test client (scripts/bench-cases) and the direct SQLite connections; both are already in Vapor's and Fluent's graph.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        // `/metrics`: the Prometheus registry behind Vapor's swift-metrics reports and our own gauges.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        // Reading .xlsx exchange files (a ZIP of XML parts) for `jiujinban insurance import`.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        /// Pure domain rules: no Vapor, no Fluent, no I/O (cryptography is computation, so Crypto is allowed).
        .target(name: "JiujinbanRules", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        /// The web application: persistence, HTTP handlers, views.
        .target(
            name: "JiujinbanApp",
            dependencies: [
                "JiujinbanRules",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                // The writer and the readers drive SQLite directly (`SQLiteDirectConnection`).
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Assets")]
        ),
        /// Benchmark and synthetic-data commands (`generate-data`, `bench-*`): not part of the product library.
        .target(
            name: "JiujinbanTools",
            dependencies: [
                "JiujinbanApp",
                "JiujinbanRules",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        /// Thin executable: hands the command line to the application library, with the tools' commands added.
        .executableTarget(
            name: "jiujinban",
            dependencies: ["JiujinbanApp", "JiujinbanTools"]
        ),
        /// The load-test client of `scripts/bench-cases`: HTTP load as signed-in operators, the bare SQLite baseline on
        /// the same SQLite build the server uses, and the plain Vapor + Fluent reference handler.
        .executableTarget(
            name: "jiujinban-bench",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            ]
        ),
        .testTarget(name: "JiujinbanRulesTests", dependencies: ["JiujinbanRules"]),
        .testTarget(
            name: "JiujinbanAppTests",
            dependencies: [
                "JiujinbanApp",
                "JiujinbanTools",
                .product(name: "VaporTesting", package: "vapor"),
                // The upgrade test loads a SQLite text dump with `sqlite3_exec`.
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                // The insurance import tests write small .xlsx workbooks.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Read by path (`UpgradeFromMainTests.resource`), not bundled.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
