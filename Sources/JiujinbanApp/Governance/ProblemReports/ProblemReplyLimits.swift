import Fluent
import JiujinbanRules
import Vapor

/// 反馈时限 as the dated policy figure (政策参数) the problem-report rules read (`ProblemReport.replyDue`).
enum ProblemReplyLimits {
    static func schedule(_ req: Request) async throws -> DatedSchedule<Int> {
        try require(try await req.policyFigures())
    }

    static func schedule(on db: any Database) async throws -> DatedSchedule<Int> {
        try require(try await PolicyFigureBook.load(on: db))
    }

    private static func require(_ book: PolicyFigureBook) throws -> DatedSchedule<Int> {
        guard let schedule = book.schedule(.problemReplyWorkingDays) else {
            throw PublicError(.conflict, "政策参数“问题反映答复时限”没有取值，请业务管理员先在政策参数中设置")
        }
        return schedule
    }
}
