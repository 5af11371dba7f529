import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 问题处理情况 (attachment 4: the province follows up how problems are handled and schedules video training):
/// each county's figures within the user's division, the frequent question types, and the training sessions.
enum ProblemOversightController {
    static func register(_ app: Application) {
        app.get(.problemOversight(), .capability(.problemOversight), use: show)
        app.post(.scheduleTraining, .capability(.scheduleTraining), use: schedule)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await respond(req, values: TrainingSessionDraft(), errors: FieldErrors(), status: .ok)
    }

    static func respond(_ req: Request, values: TrainingSessionDraft, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        guard case .subtree(let root) = staff.scope else { throw PublicError(.forbidden, "问题处理情况仅供人社部门查看") }
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let limits = try await ProblemReplyLimits.schedule(req)
        let today = req.jiujinban.clock.today
        let records = try await ProblemReportRecord.query(on: req.db).filter(\.$reporterDivision =~ root.scopePrefix)
            .field(\.$id).field(\.$reporterGroup).field(\.$filedOn).field(\.$firstReplyOn).field(\.$solvedOn).field(\.$escalations)
            .field(\.$desk).field(\.$chain).field(\.$state).field(\.$assignedOn).field(\.$promisedBy).field(\.$reporterAccount)
            .field(\.$area).field(\.$category).all()
        let counties = try await DivisionQueries.descendants(of: root, level: .county, on: req.db)
        var groupNames = Dictionary(counties.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        for summary in try await DivisionQueries.ancestry(of: root.value, on: req.db) { groupNames[summary.code] = summary.name }
        let rows = records.compactMap { record -> ProblemHandlingFigures.Row? in
            guard let filed = CalendarDate(iso: record.filedOn) else { return nil }
            return ProblemHandlingFigures.Row(
                group: groupNames[record.reporterGroup] ?? record.reporterGroup, filedOn: filed,
                firstReplyOn: record.firstReplyOn.flatMap(CalendarDate.init(iso:)), solvedOn: record.solvedOn.flatMap(CalendarDate.init(iso:)),
                isOverdue: record.report?.isOverdue(today: today, calendar: calendar, limits: limits) == true, escalations: record.escalations)
        }
        let figures = ProblemHandlingFigures(rows, calendar: calendar)
        let byType = Dictionary(grouping: records) { "\($0.categoryValue?.label ?? $0.category)·\($0.areaValue?.label ?? $0.area)" }
            .map { (type: $0.key, count: $0.value.count) }.sorted { ($0.count, $1.type) > ($1.count, $0.type) }
        let sessions = try await TrainingSessions.upcoming(for: staff, today: today, countyNames: groupNames, on: req.db)
        return HTMLResponse.make(ProblemOversightPage.render(
            figures: figures, frequentTypes: Array(byType.prefix(10)), sessions: sessions, counties: counties,
            values: values, errors: errors, today: today, context: PageContext(req)), status: status)
    }

    struct TrainingForm: Content {
        var date: String?
        var time: String?
        var topic: String?
        var areas: [String]?
        var counties: [String]?
        var venue: String?
    }

    @Sendable static func schedule(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard case .subtree(let root) = staff.scope else { throw PublicError(.forbidden, "视频培训由省工作专班安排") }
        let form = try req.content.decode(TrainingForm.self)
        let draft = TrainingSessionDraft(date: form.date, time: form.time, topic: form.topic, areas: form.areas ?? [],
                                         counties: form.counties ?? [], venue: form.venue)
        let allowed = Set(try await DivisionQueries.descendants(of: root, level: .county, on: req.db).compactMap(\.divisionCode))
        switch draft.validate(today: req.jiujinban.clock.today, counties: allowed) {
        case .failure(let errors):
            return try await respond(req, values: draft, errors: errors, status: .unprocessableEntity)
        case .success(let facts):
            let now = req.jiujinban.clock.now()
            try await req.write { db in
                let session = TrainingSessionRecord(facts, by: staff, at: now)
                try await session.create(on: db)
                var told: [UUID] = []
                for county in facts.counties {
                    told += try await Notifier.accounts(holding: Set(Post.allCases).subtracting([.auditor]), in: .department(county), on: db)
                }
                try await Notifier.notify(told, title: "业务指导视频培训：\(facts.topic)",
                                          body: "\(facts.date) \(facts.time)，\(facts.venue)。针对：\(facts.areas.map(\.label).joined(separator: "、"))。",
                                          link: .problems(), at: now, on: db)
                try await req.audit(AuditEvent("training.schedule", objectType: "training_session", objectID: session.id?.uuidString,
                                               detail: "\(facts.date) \(facts.topic)，\(facts.counties.count)个县"), on: db)
            }
            return HTMLResponse.seeOther(.problemOversight(), notice: ProblemNotices.trainingScheduled, on: req)
        }
    }
}
