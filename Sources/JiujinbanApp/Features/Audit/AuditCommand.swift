import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban audit verify`: walks the whole audit chain page by page, prints how many rows it checked and exits
/// non-zero at the first broken row (edited, deleted, reordered or inserted without the key).
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify") var action: String
    }

    var help: String { "审计日志：verify 校验哈希链" }

    /// Where the report goes: standard output, or a capture in tests.
    let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.output = output
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw PublicError(.badRequest, "未知操作“\(signature.action)”，可用操作：verify") }
        let result = try await Self.verify(context.application)
        if let broken = result.firstBreak {
            output("审计日志校验失败：已校验 \(result.rowsChecked) 行，第一处破坏：\(broken.description)")
            throw AuditVerificationFailed()
        }
        output("审计日志校验通过：共校验 \(result.rowsChecked) 行，哈希链完整。")
    }

    static func verify(_ app: Application) async throws -> AuditVerification {
        let head = try await AuditTrail.head(on: app.db)
        var verifier = AuditChainVerifier(key: app.jiujinban.keys.auditKey, anchor: head)
        var after: Int64 = 0
        while true {
            let page = try await AuditTrail.rows(after: after, limit: 1_000, on: app.db)
            for row in page where !verifier.feed(row) { return verifier.result }
            guard let last = page.last else { break }
            after = last.sequence
        }
        return verifier.result
    }
}

struct AuditVerificationFailed: Error, CustomStringConvertible {
    var description: String { "audit chain broken" }
}
