import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 登记就业: the person came back to say they found work. In one transaction the job is recorded (employment_found,
/// which item 11 reads), the job-seeker registration (item 1) and
/// the gig-seeker registration (item 4) end with the employer kept as the reason, and an active unemployment
/// registration (item 11) ends as 就业, which turns the 《就业创业证》 to 就业. Recorded from the person's
/// recommendation page by an operator who may register job seekers, once a recommendation exists (the page offers it then).
enum EmploymentFound {
    struct Form: Content {
        var employer: String?
        var started_on: String?
    }

    @Sendable static func record(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (citizen, found) = try await RecommendationsController.person(req)
        guard CaseFile.mayAccept(staff.account, item: JobSeekerItem.seq, grants: staff.grants).isAllowed else {
            throw PublicError(.forbidden, "登记就业需要“固定工求职登记”的经办权限")
        }
        guard let seeker = found, seeker.isActive else {
            throw PublicError(.conflict, "该群众没有有效的求职登记，无需登记就业")
        }
        let form = try req.content.decode(Form.self)
        let today = req.jiujinban.clock.today
        let facts: EmploymentFoundDraft.Facts
        switch EmploymentFoundDraft(employer: form.employer, startedOn: form.started_on)
            .validate(today: today, registeredOn: CalendarDate(seeker.registeredAt)) {
        case .success(let value): facts = value
        case .failure(let errors):
            // The page as it was, with the form as typed and its problems.
            let (matches, postings) = try await RecommendationsController.ranked(req, citizen: citizen, seeker: seeker,
                                                                                 widening: JobSearchWidening())
            return try await RecommendationsController.page(
                req, citizen: citizen, seeker: seeker, matches: matches, postings: postings, widening: JobSearchWidening(),
                errors: FieldErrors(),
                employment: RecommendationPages.EmploymentForm(employer: form.employer ?? "", startedOn: form.started_on ?? "",
                                                               errors: errors),
                status: .unprocessableEntity)
        }
        let id = try citizen.requireID()
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let sql = db as! any SQLDatabase
            let ended = try await sql.raw("""
                UPDATE job_seekers SET ended_on = \(bind: today.iso), end_reason = \(bind: facts.endReason)
                WHERE citizen_id = \(bind: id) AND ended_on IS NULL RETURNING id
                """).all()
            guard ended.count == 1 else { throw PublicError(.conflict, "该群众的求职登记已由他人结束，请刷新页面后查看") }
            let gigs = try await sql.raw("""
                UPDATE gig_seekers SET ended_on = \(bind: today.iso), end_reason = \(bind: facts.endReason)
                WHERE citizen_id = \(bind: id) AND ended_on IS NULL RETURNING id
                """).all()
            try await sql.raw("""
                INSERT INTO employment_found (id, citizen_id, employer, started_on, recorded_at, recorded_by)
                VALUES (\(bind: UUID()), \(bind: id), \(bind: facts.employer), \(bind: facts.startedOn.iso), \(bind: now), \(bind: staff.account.id))
                """).run()
            var detail = "求职登记结束" + (gigs.isEmpty ? "" : "；零工求职登记结束")
            if let active = try await EmploymentRegistry.active(citizen: id, on: db), active.kindValue == .unemployed {
                try await EmploymentRegistry.end(active, reason: .employed, on: today, by: staff.account.id, at: now, on: db)
                detail += "；失业登记终止（就业）"
            }
            try await req.audit(AuditEvent("job.employed", objectType: "citizen", objectID: id.uuidString, detail: detail), on: db)
        }
        // Post/redirect/get: a refresh of the page that follows does not send the form again.
        return HTMLResponse.seeOther(.jobRecommendations(citizen: id), notice: RecommendationNotices.employed, on: req)
    }
}
