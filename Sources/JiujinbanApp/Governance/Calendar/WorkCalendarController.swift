import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 工作日历: the years deadlines are counted on, a deadline calculator for staff, and — for the province's system
/// admins — loading a new year's holiday notice as JSON, validated before anything is stored.
enum WorkCalendarController {
    static func register(_ app: Application) {
        app.get(.workCalendar(), .signedIn, use: show)
        app.post(.loadWorkCalendarYear, .capability(.manageWorkCalendar), use: load)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let years = try await WorkCalendarStore.years(req: req)
        let calendar = WorkCalendarStore.calendar(of: years)
        let from = (try? req.query.get(String.self, at: "from")).flatMap(CalendarDate.init(iso:))
        let days = (try? req.query.get(Int.self, at: "days")).map { min(max($0, 0), 365) }
        let deadline = from.flatMap { start in days.map { calendar.addingWorkingDays($0, to: start) } }
        return HTMLResponse.make(WorkCalendarPage.render(
            years, calculation: (from, days, deadline), json: nil, errors: FieldErrors(), context: PageContext(req)))
    }

    /// The notice as JSON, pasted into the form or chosen as a file (a chosen file wins).
    struct LoadForm: Content {
        var json: String?
        var file: File?

        /// The notice's text; nil when the chosen file is not UTF-8.
        var text: String? {
            guard let file, file.data.readableBytes > 0 else { return json ?? "" }
            return file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8)
        }
    }

    @Sendable static func load(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard staff.account.unit.isProvinceDepartment else {
            throw PublicError(.forbidden, "节假日安排由省级系统管理员统一载入")
        }
        let form = try req.content.decode(LoadForm.self)
        let years = try await WorkCalendarStore.years(req: req)
        var errors = FieldErrors()
        var decoded: WorkCalendarYear?
        guard let text = form.text else {
            errors.add("json", "所选文件不是UTF-8编码的JSON文本")
            return HTMLResponse.make(WorkCalendarPage.render(years, calculation: (nil, nil, nil), json: form.json, errors: errors,
                                                             context: PageContext(req)), status: .unprocessableEntity)
        }
        switch WorkCalendarYear.decode(uploadedJSON: Data(text.utf8)) {
        case .success(let year):
            if years.contains(where: { $0.year.year == year.year && $0.isBuiltIn }) {
                errors.add("json", "\(year.year)年为内置并已逐日核对的年份，不能覆盖")
            } else {
                decoded = year
            }
        case .failure(let problems):
            errors.add("json", "日历数据有误：" + problems.problems.map(\.message).joined(separator: "；"))
        }
        guard let decoded, errors.isEmpty else {
            let chosen = form.file.flatMap { $0.data.readableBytes > 0 ? $0.filename : nil }
            return HTMLResponse.make(WorkCalendarPage.render(years, calculation: (nil, nil, nil), json: text, errors: errors,
                                                             fromFile: chosen, context: PageContext(req)), status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = try await WorkCalendarYearRecord.find(decoded.year, on: db) ?? WorkCalendarYearRecord()
            let isNew = record.id == nil
            record.id = decoded.year
            record.json = text
            record.notice = decoded.notice
            record.loadedAt = now
            record.loadedBy = staff.account.id
            if isNew { try await record.create(on: db) } else { try await record.update(on: db) }
            let calendar = WorkCalendarStore.calendar(of: years).loading(decoded)
            let recount = try await CaseDeadlines.recountProvisional(on: db, calendar: calendar, catalogue: req.jiujinban.catalogue)
            try await req.audit(AuditEvent("calendar.load", objectType: "calendar_year", objectID: String(decoded.year),
                                           detail: "节假日\(decoded.holidays.count)天，调休上班\(decoded.makeupWorkdays.count)天；"
                                               + "重新计算暂定办结期限\(recount.counted)件，其中变更\(recount.moved)件"), on: db)
        }
        return HTMLResponse.seeOther(.workCalendar(), notice: CalendarNotices.loaded, on: req)
    }
}
