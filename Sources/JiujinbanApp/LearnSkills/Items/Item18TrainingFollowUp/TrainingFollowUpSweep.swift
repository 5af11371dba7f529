import Crypto
import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The daily sweep of item 18: every open training intention that has waited `training.follow-up-wait` working days
/// (the dated figure, read on the sweep's day) since it was registered or last followed up, with no class it fits and
/// no follow-up open, gets a follow-up case on its service point's workbench, opened by the platform
/// (`CaseActor.platform(.followUp, for:)`) through the case engine, which numbers it, gives it its 5-working-day
/// deadline and audits it. Run again the same day it opens nothing (the open follow-up blocks, and the day's submission
/// key is the same: two instances sweeping at once make one case, and the open-follow-up index refuses a second).
struct TrainingFollowUpSweep {
    struct Counts: Sendable, Equatable {
        var opened = 0
        /// Waiting, but not yet for the figure's working days.
        var notDue = 0
        /// Told of a class they fit (item 19 follows it).
        var withClass = 0
        /// A follow-up already open.
        var followUpOpen = 0
        /// Refused by the item's checks or failed (named in the log).
        var refused = 0

        var summary: String {
            "培训意向跟踪反馈：新开\(opened)件；已有未办结跟踪\(followUpOpen)件，已通知参训\(withClass)件，未到跟踪时间\(notDue)件"
                + (refused > 0 ? "，未能开启\(refused)件（见日志）" : "")
        }
    }

    let day: CalendarDate

    func run(_ app: Application) async throws -> Counts {
        let db = app.db
        guard let waits = try await PolicyFigureBook.load(on: db).schedule(.trainingFollowUpWait) else {
            throw PublicError(.conflict, "政策参数“\(PolicyFigureKey.trainingFollowUpWait.definition.name)”没有取值，请业务管理员先在政策参数中设置")
        }
        let wait = waits.value(on: day)
        let calendar = try await WorkCalendarStore.calendar(builtIn: app.jiujinban.workCalendar, on: db)
        guard let item = app.jiujinban.catalogue.items.first(where: { $0.seq == TrainingFollowUpItem.seq }) else {
            throw PublicError(.internalServerError, "服务事项目录中没有培训意向跟踪反馈")
        }
        var counts = Counts()
        var points: [UUID: ServicePoint] = [:]
        for line in try await FollowUpIntentions.all(today: day, on: db) {
            guard let intention = line.rules else { continue }
            if intention.hasClass { counts.withClass += 1; continue }
            if intention.followUpOpen { counts.followUpOpen += 1; continue }
            guard TrainingFollowUp.opensToday(intention, waitWorkingDays: wait, calendar: calendar, today: day) else {
                counts.notDue += 1
                continue
            }
            do {
                if points[line.servicePointID] == nil { points[line.servicePointID] = try await ServicePoint.find(line.servicePointID, on: db) }
                guard let point = points[line.servicePointID], let citizen = try await CitizenRecord.find(id: line.citizenID, on: db) else {
                    throw PublicError(.notFound, "培训意向的服务点或群众不存在")
                }
                let submission = CaseEngine.Submission(citizen: citizen, item: item, sent: ["intention": line.id.uuidString.lowercased()],
                                                       key: Self.submissionKey(intention: line.id, day: day).uuidString)
                switch try await CaseEngine.submit(submission, by: try .platform(.followUp, for: point), in: CaseContext(app)) {
                case .accepted: counts.opened += 1
                case .refused where try await FollowUpIntentions.followUpOpen(line.id, on: db):
                    // Another instance sweeping at the same moment opened it first.
                    counts.followUpOpen += 1
                case .refused(_, let errors):
                    counts.refused += 1
                    app.logger.warning("follow-up sweep: intention \(line.id) refused: \(errors.problems.map(\.message).joined(separator: "；"))")
                }
            } catch {
                counts.refused += 1
                app.logger.warning("follow-up sweep: intention \(line.id) failed: \(String(reflecting: error))")
            }
        }
        return counts
    }

    /// The same intention on the same day is the same submission, whichever instance sends it.
    static func submissionKey(intention: UUID, day: CalendarDate) -> UUID {
        let digest = Array(SHA256.hash(data: Data("training-follow-up|\(intention.uuidString.lowercased())|\(day.iso)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // name-based, as a UUID version 5 marks it
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// `jiujinban training follow-up-sweep [--date YYYY-MM-DD]`: the sweep above, run daily from cron; one line of counts.
struct TrainingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "follow-up-sweep 为等待开班的培训意向开启跟踪反馈") var action: String
        @Option(name: "date", help: "按哪一天判断是否到期（YYYY-MM-DD，默认今天，不能晚于今天）") var date: String?
    }

    var help: String { "我要学技能：follow-up-sweep 为到期未开班的培训意向开启跟踪反馈（每日运行）" }

    let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.output = output
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.action == "follow-up-sweep" else {
            throw PublicError(.badRequest, "未知操作“\(AuditDetail.sanitized(signature.action, maximumLength: 40))”：可用操作为 follow-up-sweep")
        }
        let today = app.jiujinban.clock.today
        var day = today
        if let text = signature.date {
            guard let given = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
                throw PublicError(.badRequest, "--date 应为日期，格式 YYYY-MM-DD（如 2026-12-01）")
            }
            guard given <= today else { throw PublicError(.badRequest, "--date 不能晚于今天（\(today.iso)）：跟踪反馈在开启之日计算办结期限") }
            day = given
        }
        output(try await TrainingFollowUpSweep(day: day).run(app).summary)
    }
}
