import FluentKit
import Foundation
import NIOCore

/// Fluent's SQLite database for reads (and the few writes outside the writer: migrations, seeding): a pool of
/// direct connections, each statement run on the calling thread (`SQLiteDirectDatabase`).
struct SQLiteDirectConfiguration: DatabaseConfiguration {
    let pool: SQLiteDirectPool
    var middleware: [any AnyModelMiddleware] = []

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteDirectDriver(pool: pool)
    }
}

struct SQLiteDirectDriver: DatabaseDriver {
    let pool: SQLiteDirectPool

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SQLiteDirectDatabase(statements: pool, context: context, pool: pool)
    }

    func shutdown() {
        pool.close()
    }
}
