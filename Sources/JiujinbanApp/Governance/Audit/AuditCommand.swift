import Crypto
import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban audit verify [--anchor FILE]`: walks the audit chain page by page from the last purge's checkpoint (or
/// row 1), holds it to every signed checkpoint in the anchor folder (and in FILE: lines copied from the log or from
/// another instance's folder), prints how many rows it checked and exits non-zero at the first broken row (edited,
/// deleted, reordered or inserted without the key), at rows cut from the end, or at an anchor that is missing or
/// forged.
///
/// `jiujinban audit purge [--before YYYY-MM-DD | --keep-days N]`: archives, then deletes, the rows older than the
/// cut (S19); at least 184 days are always kept (`--keep-days` defaults to 184).
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify 校验哈希链；purge 归档并清理过期记录") var action: String
        @Option(name: "before", help: "purge：清理此日期（北京时间）之前的记录，格式 YYYY-MM-DD") var before: String?
        @Option(name: "keep-days", help: "purge：保留最近多少天的记录（至少且默认\(AuditRetention.minimumDays)天）") var keepDays: String?
        @Option(name: "anchor", help: "verify：另一份审计锚点文件（如从日志中摘出的 audit checkpoint 行）") var anchor: String?
    }

    var help: String { "审计日志：verify 校验哈希链；purge 归档并清理超过保存期限的记录" }

    /// Where the report goes: standard output, or a capture in tests.
    let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.output = output
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "verify":
            let report = try await Self.verify(context.application, anchorFiles: signature.anchor.map { [URL(fileURLWithPath: $0)] } ?? [])
            if let failure = report.failure {
                output("审计日志校验失败：已校验 \(report.chain.rowsChecked) 行，第一处破坏：\(failure)")
                throw AuditVerificationFailed()
            }
            output("审计日志校验通过：共校验 \(report.chain.rowsChecked) 行，哈希链完整；"
                   + "依据 \(report.anchors) 个审计锚点（最远至第\(report.furthestAnchor)行）。")
        case "purge":
            guard let report = try await AuditPurge.run(try Self.retention(signature), app: context.application) else {
                output("没有超过保存期限的审计记录，未清理任何记录。")
                return
            }
            output("已将第\(report.first)至\(report.through)行共 \(report.rowCount) 行审计记录归档到 \(report.file.path)，"
                   + "校验无误后已从数据库删除。")
        default:
            throw PublicError(.badRequest, "未知操作“\(AuditDetail.sanitized(signature.action, maximumLength: 40))”，可用操作：verify、purge")
        }
    }

    static func retention(_ signature: Signature) throws -> AuditRetention.Request {
        switch (signature.before, signature.keepDays) {
        case (.some, .some):
            throw PublicError(.badRequest, "--before 与 --keep-days 只能选一个")
        case (.some(let text), nil):
            guard let date = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
                throw PublicError(.badRequest, "--before：日期格式应为 YYYY-MM-DD，如 2026-05-01")
            }
            return .before(date)
        case (nil, .some(let text)):
            guard let days = Int(text.trimmingCharacters(in: .whitespaces)), days > 0 else {
                throw PublicError(.badRequest, "--keep-days：应为正整数（至少\(AuditRetention.minimumDays)）")
            }
            return .keepDays(days)
        case (nil, nil):
            return .keepDays(AuditRetention.minimumDays)
        }
    }

    /// What `verify` found: the chain walked against the anchors, and what else does not hold.
    struct Report: Sendable {
        var chain: AuditVerification
        var anchors: Int
        var furthestAnchor: Int64
        /// Problems besides the chain's own: anchor files that are forged or unreadable, no anchor at all, an
        /// `audit_head` that is not the table's last row.
        var problems: [String]
        /// No signed checkpoint anywhere while the table has rows: the chain itself may be whole, but rows cut from
        /// its end could not be seen. `audit verify` fails on it; a backup records it and anchors its copy.
        var unanchored: String?

        var failure: String? { chain.firstBreak?.description ?? problems.first ?? unanchored }
        /// The chain and every anchor found hold; only the absence of any anchor may remain.
        var passedExceptAnchor: Bool { chain.firstBreak == nil && problems.isEmpty }
        var passed: Bool { failure == nil }
    }

    /// Verifies from the last purge's checkpoint, which only counts when the purge that made it is in the chain,
    /// against every signed checkpoint found.
    static func verify(_ app: Application, anchorFiles: [URL] = []) async throws -> Report {
        let key = app.jiujinban.keys.auditKey
        var reading = AuditAnchorFolder(dataDirectory: app.jiujinban.configuration.dataDirectory).all(key: key)
        let extra = AuditAnchorReading.read(files: anchorFiles, key: key)
        reading.checkpoints += extra.checkpoints
        reading.problems += extra.problems
        return try await verify(app.db, key: key, anchors: reading)
    }

    /// Verifies the chain in `db` (the server's database, or a backup's copy) against the checkpoints `anchors`.
    static func verify(_ db: any Database, key: SymmetricKey, anchors reading: AuditAnchorReading) async throws -> Report {
        let checkpoint = try await AuditTrail.checkpoint(on: db)
        var verifier = AuditChainVerifier(key: key, anchors: reading.checkpoints.map(\.head), after: checkpoint,
                                          requireAttestation: true)
        var after = checkpoint?.sequence ?? 0
        walk: while true {
            let page = try await AuditTrail.rows(after: after, limit: 1_000, on: db)
            for row in page where !verifier.feed(row) { break walk }
            guard let last = page.last else { break }
            after = last.sequence
        }
        let chain = verifier.result
        var problems = reading.problems
        var unanchored: String?
        if reading.checkpoints.isEmpty, (chain.lastVerified?.sequence ?? 0) > (checkpoint?.sequence ?? 0) {
            unanchored = ("未找到审计锚点（\(AuditAnchorFolder.directoryName)/ 中没有签名锚点，也未用 --anchor 提供）："
                            + "无法发现从末尾删除的记录；请从日志中摘出 audit checkpoint 行，用 --anchor 提供")
        }
        if chain.isIntact {
            let head = try await AuditTrail.head(on: db)
            if head != chain.lastVerified {
                problems.append("audit_head 记录的链头（第\(head?.sequence ?? 0)行）与表中最后一行（第\(chain.lastVerified?.sequence ?? 0)行）不符")
            }
        }
        return Report(chain: chain, anchors: reading.checkpoints.count,
                      furthestAnchor: reading.checkpoints.map(\.head.sequence).max() ?? 0, problems: problems,
                      unanchored: unanchored)
    }
}

struct AuditVerificationFailed: Error, CustomStringConvertible {
    var description: String { "audit chain broken" }
}
