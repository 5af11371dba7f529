import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("登记就业: a job seeker who found work ends the search and unemployment registrations, the reason kept")
struct EmploymentFoundTests {
    let jobs = FixedJobsTests()
    let registrations = RegistrationTests()

    /// A village operator, the county reviewer, a registered citizen and the citizen's recommendation page.
    func scene(_ app: Application) async throws -> (village: TestSession, reviewer: TestSession, person: UUID, path: String) {
        let village = try await app.session(as: .villageOperator)
        let reviewer = try await app.session(as: .reviewer)
        let person = try await registrations.citizen(app, village)
        return (village, reviewer, person, "/jobs/recommendations/\(person.uuidString.lowercased())")
    }

    @Test("bad input names each field and writes nothing; another point gets 404; recorded: job, gig and unemployment registrations end")
    func employmentEndsRegistrations() async throws {
        try await TestApp.run { app in
            let (village, reviewer, person, path) = try await scene(app)
            let found = [("employer", "芮城县某果品厂"), ("started_on", "2026-11-25")]
            // Nothing to end before the person registers as a job seeker.
            #expect(try await app.post(village, path + "/employed", found).0 == .conflict)

            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("occupation1", "6"), ("expected_wage", "3500"),
                                                                                  ("max_distance_km", "30"), ("education", "2")]).0 == .seeOther)
            #expect(try await jobs.accept(app, village, citizen: person, item: 4, [("skills_harvest", "yes"), ("weekdays_1", "yes"),
                                                                                  ("day_wage", "140"), ("radius_km", "20")]).0 == .seeOther)
            #expect(try await registrations.unemployed(app, village, citizen: person).0 == .seeOther)
            let unemployment = try await registrations.lastCase(app, person, item: 11)
            #expect(try await registrations.act(app, reviewer, unemployment, [("action", "approve")]).0 == .seeOther)
            // 登记就业 is offered once a recommendation exists (here: none fitted, recorded as item 2's case).
            #expect(!(try await app.getPage(village, path).1.contains("<h2>登记就业</h2>")))
            #expect(try await jobs.accept(app, village, citizen: person, item: 2, [("postings", "")]).0 == .seeOther)
            let page = try await app.getPage(village, path)
            #expect(page.1.contains("<h2>登记就业</h2>") && page.1.contains("action=\"\(path)/employed\""))

            // Bad input: every field named, nothing written.
            let bad = try await app.post(village, path + "/employed", [("employer", ""), ("started_on", "2026-11-26")])
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("请填写就业单位或岗位") && bad.1.contains("就业开始日期不能晚于今天（2026-11-25）"))
            let early = try await app.post(village, path + "/employed", [("employer", "某厂"), ("started_on", "2026-11-01")])
            #expect(early.0 == .unprocessableEntity && early.1.contains("就业开始日期不能早于求职登记日期（2026-11-25）"))
            #expect(try await JobSeekerRecord.find(citizen: person, on: app.db)?.isActive == true)
            #expect(try await GigSeekerRecord.find(citizen: person, on: app.db)?.isActive == true)
            #expect(try await EmploymentRegistry.active(citizen: person, on: app.db)?.kind == "unemployed")
            // Another point's operator does not see the person.
            let community = try await app.session(as: .communityOperator)
            #expect(try await app.post(community, path + "/employed", found).0 == .notFound)
            #expect(try await auditCount("job.employed", on: app) == 0)

            let done = try await app.post(village, path + "/employed", found)
            #expect(done.0 == .seeOther)
            let reason = "已就业：芮城县某果品厂（2026-11-25起）"
            let seeker = try #require(try await JobSeekerRecord.find(citizen: person, on: app.db))
            #expect(seeker.endedOn == "2026-11-25" && seeker.endReason == reason)
            let gig = try #require(try await GigSeekerRecord.find(citizen: person, on: app.db))
            #expect(gig.endedOn == "2026-11-25" && gig.endReason == reason)
            let ended = try #require(try await registrations.registrations(app, person).first)
            #expect(ended.endedOn == "2026-11-25" && ended.endReason == "employed" && ended.endedBy == village.accountID)
            #expect(try await EmploymentCardRecord.find(citizen: person, on: app.db)?.status == "就业")
            #expect(try await auditCount("job.employed", result: "success", on: app) == 1)

            // The page shows the ending instead of rankings; the division's list no longer has the person; once is enough.
            let after = try await app.getPage(village, path)
            #expect(after.1.contains("已结束（\(reason)）") && !after.1.contains("推荐岗位（") && !after.1.contains("<h2>登记就业</h2>"))
            #expect(!(try await app.getPage(village, "/jobs/seekers").1.contains(path)))
            #expect(try await app.post(village, path + "/employed", found).0 == .conflict)
        }
    }

    @Test("a found job stands against item 11: refused without a 失业日期 on or after its start, at acceptance and again at approval")
    func foundJobBlocksUnemployment() async throws {
        try await TestApp.run { app in
            let (village, reviewer, person, path) = try await scene(app)
            let unemployment: [(String, String)] = [("last_employer", "芮城县某果品厂"), ("able_and_willing", "yes")]
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("education", "2")]).0 == .seeOther)

            // Accepted while nothing records work; the person reports a job before the county reviews: approval is refused.
            #expect(try await registrations.accept(app, village, citizen: person, item: 11, unemployment).0 == .seeOther)
            let pending = try await registrations.lastCase(app, person, item: 11)
            #expect(try await app.post(village, path + "/employed", [("employer", "芮城县某果品厂"), ("started_on", "2026-11-25")]).0 == .seeOther)
            let approval = try await registrations.act(app, reviewer, pending, [("action", "approve")])
            #expect(approval.0 == .conflict && approval.1.contains("系统中登记为已就业（登记就业：芮城县某果品厂，2026-11-25起）"))
            #expect(try await registrations.registrations(app, person).isEmpty)

            // Registering as a job seeker again (to look for another job) does not erase the job.
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("education", "2")]).0 == .seeOther)
            #expect(try await JobSeekerRecord.find(citizen: person, on: app.db)?.isActive == true)
            // A new registration names the day that work ended; none, or one before the job began, is refused by field.
            let cases = try await CaseRecord.query(on: app.db).count()
            let missing = try await registrations.accept(app, village, citizen: person, item: 11, unemployment)
            #expect(missing.0 == .unprocessableEntity && missing.1.contains("请填写失业日期（劳动关系解除或终止之日）"))
            let before = try await registrations.accept(app, village, citizen: person, item: 11, unemployment + [("separated_on", "2026-11-24")])
            #expect(before.0 == .unprocessableEntity && before.1.contains("失业日期2026-11-24早于系统登记的就业日期2026-11-25"))
            let future = try await registrations.accept(app, village, citizen: person, item: 11, unemployment + [("separated_on", "2026-11-26")])
            #expect(future.0 == .unprocessableEntity && future.1.contains("失业日期不能晚于今天（2026-11-25）"))
            #expect(try await CaseRecord.query(on: app.db).count() == cases)

            #expect(try await registrations.accept(app, village, citizen: person, item: 11, unemployment + [("separated_on", "2026-11-25")]).0
                    == .seeOther)
            let second = try await registrations.lastCase(app, person, item: 11)
            #expect(try await registrations.act(app, reviewer, second, [("action", "approve")]).0 == .seeOther)
            let registration = try #require(try await registrations.registrations(app, person).first)
            #expect(registration.isActive && registration.summary.contains("失业日期：2026-11-25"))
        }
    }
}
