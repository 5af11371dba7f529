import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
@testable import JiujinbanTools
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Hostile text in every free-text field the application stores and shows. Records are made the way people make
/// them (the real forms, the data generator); then every free-text column of every row gets one of the payloads
/// appended, straight in the database, so that even text a form would refuse is on the pages: escaping must not
/// depend on validation.
enum HostileText {
    /// Each tries another way out: of a double-quoted value (the finding's own name), of a single-quoted one, of
    /// `<title>`/`<textarea>` and of a comment, and plain `&`/`"` (which must come out escaped exactly once).
    static let payloads = [
        #"芮城县档案室"' onmouseover=alert(1) x="<script>alert(1)</script>"#,
        #"'><img src=x onerror=alert(2)>"#,
        #"</title></textarea><script>alert(3)</script><!--"#,
        #"A&B "引号" 5>3 <i>斜体</i> & 'x'"#,
    ]

    /// Free-text columns, table by table: names, addresses, notes, reasons, comments, bodies.
    static let columns: [(table: String, columns: [String])] = [
        ("divisions", ["name", "short_name"]),
        ("service_points", ["name", "institution", "address", "disabled_reason"]),
        ("staff_persons", ["name"]),
        ("staff_accounts", ["status_reason"]),
        ("citizens", ["name"]),
        ("archive_offices", ["name", "address", "scope", "hours"]),
        ("job_fairs", ["title", "venue", "address", "audience", "organiser", "cancel_reason"]),
        ("employment_policies", ["title", "issuer", "document_number", "body", "withdrawn_reason"]),
        ("employers", ["name", "address", "contact_name"]),
        ("job_postings", ["title", "address", "hours", "close_reason"]),
        ("job_seekers", ["end_reason"]),
        ("gig_postings", ["content", "address", "recruiter_unit"]),
        ("gig_seekers", ["end_reason"]),
        ("problem_reports", ["description", "suggestion", "reporter_name", "reporter_unit_name"]),
        ("problem_entries", ["actor_name", "actor_unit_name", "text"]),
        ("training_sessions", ["topic", "venue", "created_by_name"]),
        ("account_applications", ["applicant_unit_name", "contact_name", "item_summary", "decision_comment"]),
        ("account_application_steps", ["actor_name", "actor_unit_name", "comment"]),
        ("cases", ["missing_documents", "decision_reason"]),
        ("case_steps", ["actor_name", "actor_unit_name", "detail"]),
        ("report_submissions", ["comment"]),
        ("report_exceptions", ["reason"]),
        ("report_entries", ["evidence_note"]),
        ("report_evidence", ["file_name"]),
        ("acceptances", ["inspector_name", "notes"]),
        ("notifications", ["title", "body"]),
        ("employment_registrations", ["details", "end_reason"]),
        ("training_institutions", ["name", "address"]),
        ("training_class_plans", ["place"]),
        ("hardship_recognitions", ["category", "end_reason"]),
        ("poverty_monitoring_entries", ["batch"]),
        ("training_follow_ups", ["said", "class_place"]),
    ]

    /// 2026-11-10, before the monthly report's deadline, so that the township can still enter notes.
    static let now = TestApp.fixedNow.addingTimeInterval(-15 * 86_400)

    static func seed(_ app: Application) async throws {
        try await makeRecords(app)
        let sql = app.db as! any SQLDatabase
        var index = 0
        for (table, columns) in columns {
            for column in columns {
                let payload = payloads[index % payloads.count]
                index += 1
                try await sql.raw("UPDATE \(ident: table) SET \(ident: column) = \(ident: column) || \(bind: payload)").run()
            }
        }
    }

    /// One or more rows in each table above, made through the forms with ordinary text.
    static func makeRecords(_ app: Application) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
            "jiujinban", "--citizens", "60", "--operators", "2", "--cases", "30", "--job-postings", "20",
            "--job-seekers", "8", "--gig-postings", "6", "--seed", "7",
        ]))
        context.application = app
        try await GenerateDataCommand().run(using: &context)

        let countyAdmin = try await app.session(as: .countyBusinessAdmin)
        let township = try await app.session(as: .townshipOperator)
        let village = try await app.session(as: .villageOperator)
        try await expect(app.post(countyAdmin, "/archive-offices", [
            ("name", "芮城县人才交流服务中心"), ("division", "140830000000"), ("address", "芮城县古魏镇永乐南街"),
            ("contact_phone", "0359 3021234"), ("hours", "周一至周五 8:00—12:00"), ("scope", "户籍在本县的流动人员"),
        ]), "archive office")
        try await expect(app.post(countyAdmin, "/job-fairs", jobFairFields(["start_date": "2026-11-28"])), "job fair")
        try await expect(app.post(countyAdmin, "/policies", [
            ("title", "关于做好就业补贴发放的通知"), ("issuer", "山西省人力资源和社会保障厅"), ("document_number", "晋人社发〔2026〕1号"),
            ("issued_on", "2026-06-01"), ("body", "各市人社局：就业补贴按月发放。"),
        ]), "policy")
        let problem = try await app.fileProblem(village, category: "system", area: "job", suggestion: "请尽快修复")
        #expect(problem.0 == .seeOther, "problem report: \(problem.0)")
        let application = try await app.fileApplication(village, ApplicationFixtures.contact() + ApplicationFixtures.newAccount(0))
        #expect(application.0 == .seeOther, "account application: \(application.0)")

        let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204")
            .filter(\.$kind == "village").first()?.requireID())
        try await expect(app.post(township, "/reports/monthly/entry", try await app.entryForm(township, [
            ("month", "2026-11"), ("publicity_\(point.uuidString)", "1"), ("note_\(point.uuidString)", "村委会张贴海报"), ("action", "submit"),
        ])), "monthly entry")
        try await expect(app.post(countyAdmin, "/reports/monthly/decision", [
            ("month", "2026-11"), ("township", "140830100000"), ("decision", "return"), ("comment", "请补充说明"),
        ]), "monthly return")
        // Submitted again, so that the county's progress page offers its decision form for the township.
        try await expect(app.post(township, "/reports/monthly/entry", try await app.entryForm(township, [("month", "2026-11"), ("action", "submit")])),
                         "monthly resubmission")
        // The training registry: the demonstration institutions and plans are there; a monitoring list, and a
        // recognition ended (with its reason) and one in force.
        var list = MultipartForm()
        list.field(SessionMiddleware.csrfField, countyAdmin.csrf)
        list.field("batch", "2026年第3批")
        list.file("file", filename: "名单.csv", type: "text/csv", bytes: Array("身份证号码,姓名\n\(CitizenRegistryTests.idNumber),王小明\n".utf8))
        var imported: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/training/monitoring-list", headers: list.headers(countyAdmin), body: list.finished()) { res in
            imported = (res.status, res.body.string)
        }
        try expect(imported, "monitoring list")
        let reviewer = try await app.session(as: .reviewer)
        try await expect(app.post(village, "/citizens", CitizenRegistryTests.registration()), "citizen for a recognition")
        let recognition = [("id_number", CitizenRegistryTests.idNumber), ("category", "大龄失业人员"), ("recognised_on", "2026-11-01")]
        try await expect(app.post(reviewer, "/training/hardship", recognition), "hardship recognition")
        let recognised = try #require(try await HardshipRecognitionRecord.query(on: app.db).first()?.requireID())
        try await expect(app.post(reviewer, "/training/hardship/\(recognised.uuidString.lowercased())/end", [("end_reason", "已就业")]),
                         "hardship end")
        try await expect(app.post(reviewer, "/training/hardship", recognition), "hardship recognition again")
        let scores = AcceptanceCriterion.allCases.map { ("score_\($0.rawValue)", String($0.maximum)) }
        var acceptance: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/service-points/\(point.uuidString.lowercased())/acceptance", headers: countyAdmin.formHeaders,
                                     body: countyAdmin.form(scores + [("inspected_on", "2026-11-09"), ("note_1", "门牌清晰")])) { res in
            acceptance = (res.status, res.body.string)
        }
        try expect(acceptance, "acceptance")

        // 培训意向跟踪反馈 (item 18): an intention past its wait, its follow-up opened by the sweep and recorded.
        let delivery = TrainingDeliveryFixtures()
        let (occupation, _) = try await delivery.occupation(app)
        let person = try await delivery.person(app, village, idNumber: "142723196508150011")
        try await delivery.intention(app, village, citizen: person, point: point, occupation: occupation, registeredOn: "2026-10-08")
        #expect(try await delivery.sweep(app).opened == 1, "follow-up sweep")
        let followUp = try #require(try await delivery.followUpCases(app).first?.requireID())
        try await expect(app.post(village, "/training/follow-ups/\(followUp.uuidString.lowercased())", [
            ("source", "institution"), ("said", "下月开班"), ("class_starts_on", "2026-12-01"), ("class_place", "古魏镇培训中心"),
        ]), "follow-up")

        // 我要学技能: an institution of the county with a class (written as records: its form is the registry's), an
        // intention through item 16 and item 17's ranked list for it.
        let training = TrainingFixtures(), recommendation = InstitutionRecommendationTests()
        let learner = try await training.jobs.citizen(app, village)
        try expect(try await training.intention(app, village, citizen: learner, InstitutionRecommendationTests.proof), "training intention")
        let origin = try await recommendation.villagePoint(app)
        let institution = try await recommendation.institution(app, "芮城县职业技能培训学校", by: countyAdmin, origin: origin, north: 0.01)
        try await recommendation.plan(app, institution, by: countyAdmin, starts: "2026-12-10", capacity: 30, enrolled: 3)
        let intention = try #require(try await training.intentions(app).first?.requireID())
        try expect(try await training.jobs.accept(app, village, citizen: learner, item: InstitutionRecommendationItem.seq,
                                                  [("intention", intention.uuidString.lowercased())]), "training recommendation")
    }

    private static func expect(_ result: (HTTPStatus, String), _ what: String) throws {
        #expect(result.0 == .seeOther, "\(what): \(result.0) \(result.1.prefix(300))")
    }
}
