import Foundation
import Logging
import Synchronization
import Vapor

/// A write refused because the data folder's disk is full: nothing of it was stored. Answered with 507 Insufficient
/// Storage and a page saying so, not a 500: the fault is the server's storage, not the request and not a bug, and
/// the operator must free space. (Not 503, which the application keeps for a database that is away and coming back
/// by itself, and which a proxy may retry on another instance sharing the same full disk.)
struct StorageFull: AbortError {
    static let message = "存储空间已满，本次办理未保存，请立即联系系统管理员"

    /// What the database said, for the log only.
    let underlying: String

    var status: HTTPResponseStatus { .insufficientStorage }
    var reason: String { Self.message }

    /// Whether `error` says the storage is full: SQLite's `SQLITE_FULL`, or an I/O error from a full disk.
    static func describes(_ error: any Error) -> Bool {
        switch error {
        case is StorageFull: true
        case let sqlite as SQLiteDirectError: sqlite.isStorageFull
        case let anchor as AuditAnchorError: anchor.isStorageFull
        default: false
        }
    }
}

/// One alarm per episode of a full disk, not one per refused write: the first refusal logs a critical line, the
/// refusals after it only count. At the edge of a full disk some writes still fit while others do not; so the episode
/// ends only once writes have been stored for `settle` with no refusal between, and the first write stored after
/// that logs that space is back, with how many writes were refused meanwhile. Writes need no restart to resume:
/// every write simply tries again.
final class StorageAlarm: Sendable {
    static let settle: Duration = .seconds(5)

    private struct Episode {
        var startedAt: ContinuousClock.Instant
        var refused: Int
        /// Since when writes have been stored without a refusal.
        var storedSince: ContinuousClock.Instant?
    }

    private let episode = Mutex<Episode?>(nil)

    /// The writes' outcomes as their callers receive them: a storage failure becomes `StorageFull`. `stored` says
    /// whether rows were written and committed: a write that changed nothing (a job finding no work) commits even on
    /// a full disk, and says nothing about space.
    func review<T>(_ outcomes: [Result<T, any Error>], stored: Bool, logger: Logger) -> [Result<T, any Error>] {
        var firstFull: (any Error)?
        var refused = 0
        let reviewed = outcomes.map { outcome -> Result<T, any Error> in
            switch outcome {
            case .failure(let error) where StorageFull.describes(error):
                if firstFull == nil { firstFull = error }
                refused += 1
                return .failure(error as? StorageFull ?? StorageFull(underlying: String(describing: error)))
            default:
                return outcome
            }
        }
        if stored { noteStored(logger: logger) }
        if let firstFull { noteRefused(refused, cause: firstFull, logger: logger) }
        return reviewed
    }

    private func noteRefused(_ count: Int, cause: any Error, logger: Logger) {
        let started = episode.withLock { episode -> Bool in
            guard episode != nil else {
                episode = Episode(startedAt: .now, refused: count)
                return true
            }
            episode?.refused += count
            episode?.storedSince = nil
            return false
        }
        if started {
            logger.critical("存储空间已满：数据库写入失败（\(String(describing: cause))）。此后的写入均被拒绝（507），已保存的数据不受影响，查询照常；腾出空间后写入自动恢复，无需重启")
        }
    }

    private func noteStored(logger: Logger) {
        let now = ContinuousClock.now
        guard let ended = episode.withLock({ episode -> Episode? in
            guard let current = episode else { return nil }
            guard let since = current.storedSince else {
                episode?.storedSince = now
                return nil
            }
            guard now - since >= Self.settle else { return nil }
            episode = nil
            return current
        }) else { return }
        let seconds = Int((now - ended.startedAt).components.seconds)
        logger.warning("存储空间已恢复：写入恢复正常；空间不足期间共拒绝 \(ended.refused) 次写入，历时约 \(seconds) 秒")
    }
}
