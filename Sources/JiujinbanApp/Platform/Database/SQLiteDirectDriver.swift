import FluentKit
import Foundation
import NIOCore

/// Fluent's SQLite database for reads (and the few writes outside the writer: migrations, seeding): a pool of
/// direct connections, each statement run on the calling thread (`SQLiteDirectDatabase`).
struct SQLiteDirectConfiguration: DatabaseConfiguration {
    let path: String
    let pragmas: [String]
    let pool: SQLiteDirectPool
    var middleware: [any AnyModelMiddleware] = []

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteDirectDriver(path: path, pragmas: pragmas, pool: pool)
    }
}

struct SQLiteDirectDriver: DatabaseDriver {
    let path: String
    let pragmas: [String]
    let pool: SQLiteDirectPool

    func makeDatabase(with context: DatabaseContext) -> any Database {
        let (path, pragmas) = (path, pragmas)
        return SQLiteDirectDatabase(statements: pool, context: context, inTransaction: false) {
            try SQLiteDirectConnection(path: path, pragmas: pragmas)
        }
    }

    func shutdown() {
        pool.close()
    }
}
