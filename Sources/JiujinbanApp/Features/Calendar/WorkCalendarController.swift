import Fluent
import Foundation
import JiujinbanRules
import Plot
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
            return HTMLResponse.make(WorkCalendarPage.render(years, calculation: (nil, nil, nil), json: text, errors: errors,
                                                             context: PageContext(req)), status: .unprocessableEntity)
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
        return HTMLResponse.seeOther(.workCalendar())
    }
}

enum WorkCalendarPage {
    static func render(
        _ years: [WorkCalendarStore.LoadedYear], calculation: (CalendarDate?, Int?, Deadline?), json: String?,
        errors: FieldErrors, context: PageContext
    ) -> HTML {
        let (from, days, deadline) = calculation
        return PageShell.render(
            title: "工作日历", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "工作日历", url: nil)],
            content: [
                .p(.class("lead"), .text("办结时限按工作日计算：受理当日不计，自次个工作日起算；法定节假日不计，调休上班日计入。未载入节假日安排的年份，期限标为“暂定”。")),
                .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("年份"), .th("节假日（天）"), .th("调休上班（天）"), .th("来源"), .th("通知"))),
                    .tbody(.forEach(years) { loaded in
                        .tr(.td(.text(String(loaded.year.year))), .td(.text(String(loaded.year.holidays.count))),
                            .td(.text(String(loaded.year.makeupWorkdays.count))),
                            .td(.text(loaded.isBuiltIn ? "内置（已逐日核对）"
                                                       : "管理员载入 " + (loaded.loadedAt.map(AuditLogPage.formatter.string) ?? ""))),
                            .td(.text(loaded.year.notice)))
                    })),
                .section(.class("panel"), .h2("办结期限计算"),
                         .form(.method(.get), .action(SiteURL.workCalendar().path), .class("filters"),
                               .label(.for("from"), .text("受理日期 ")),
                               .input(.type(.date), .name("from"), .id("from"), .value(from?.iso ?? "")),
                               .label(.for("days"), .text(" 时限（工作日） ")),
                               .input(.type(.number), .name("days"), .id("days"), .value(days.map(String.init) ?? "")),
                               .button(.type(.submit), .class("button small"), .text("计算"))),
                         .unwrap(deadline) { deadline in
                             .p(.strong(.text("办结期限：\(deadline.date.iso)")),
                                .if(deadline.isProvisional, .text("（暂定：计算涉及尚未载入节假日安排的年份，载入后可能变化）")))
                         }),
                .if(context.may(.manageWorkCalendar), .section(
                    .class("panel"), .h2("载入新一年的节假日安排"),
                    FormFields.errorSummary(errors),
                    .p(.class("hint"), .text("国务院办公厅每年10–11月发布次年节假日安排。按以下格式粘贴：{\"year\": 2027, \"notice\": \"通知名称及网址\", \"holidays\": {\"2027-01-01\": \"元旦\", …}, \"makeupWorkdays\": [\"2027-…\"]}。所有日期须在该年内，且不能既是节假日又是调休上班日。")),
                    .form(.class("form"), .method(.post), .action(SiteURL.loadWorkCalendarYear.path),
                          .attribute(named: "enctype", value: "multipart/form-data"), .csrf(context),
                          .div(.class(errors.isEmpty ? "field" : "field field-invalid"),
                               .label(.for("json"), .text("节假日安排（JSON）")),
                               .unwrap(errors.message(for: "json")) { .p(.class("field-error"), .text($0)) },
                               .textarea(.name("json"), .id("json"), .attribute(named: "rows", value: "10"), .text(json ?? ""))),
                          .div(.class("field"),
                               .label(.for("file"), .text("或选择JSON文件（选择文件时以文件内容为准）")),
                               .input(.type(.file), .name("file"), .id("file"), .attribute(named: "accept", value: ".json,application/json"))),
                          .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("校验并载入")))))),
            ])
    }
}
