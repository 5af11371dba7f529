import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("零工技能 (issue 5): a county business admin renames local skills and retires or restores any; records keep their names")
struct GigSkillsTests {
    let jobs = FixedJobsTests()

    func names(_ app: Application, county: String = "140830") async throws -> [String: String] {
        try await GigSkills.names(county: county, on: app.db)
    }

    /// The county business admin adds 果树修剪 (`local1`); a village operator registers a worker and a recruiter.
    func localSkillScene(_ app: Application) async throws -> (admin: TestSession, village: TestSession, worker: UUID, recruiter: UUID) {
        let admin = try await app.session(as: .countyBusinessAdmin)
        let village = try await app.session(as: .villageOperator)
        try await app.expectNoticeRedirect("/gigs/skills", as: admin, fields: [("name", "果树修剪")])
        let worker = try await jobs.citizen(app, village)
        let recruiter = try await jobs.citizen(app, village, idNumber: BadInputs.withCheck("14083019750505123"))
        return (admin, village, worker, recruiter)
    }

    func auditDetails(_ action: String, on app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_log WHERE action = \(bind: action) ORDER BY detail").all()
            .map { try $0.decode(column: "detail", as: String.self) }
    }

    @Test("rename: a local skill takes a new name, audited old→new; empty, duplicate, markup, a default, other roles and counties are refused")
    func rename() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.expectNoticeRedirect("/gigs/skills", as: admin, fields: [("name", "果树修剪")])
            try await app.expectNoticeRedirect("/gigs/skills/local1/rename", as: admin, fields: [("name", "果树剪枝")])
            #expect(try await names(app)["local1"] == "果树剪枝")
            let page = try await app.getPage(admin, "/gigs/skills")
            #expect(page.1.contains("<td>果树剪枝</td>") && !page.1.contains("<td>果树修剪</td>") && page.1.contains("全省通用技能不能改名"))
            #expect(try await auditDetails("gig_skill.rename", on: app) == ["果树修剪→果树剪枝"])

            for (name, message) in [("  ", "请填写技能名称"), ("家政保洁", "“家政保洁”已在本县的技能列表中"),
                                    ("<b>剪枝</b>", "技能名称不能包含"), (String(repeating: "剪", count: 21), "技能名称不能超过20个字")] {
                let refused = try await app.post(admin, "/gigs/skills/local1/rename", [("name", name)])
                #expect(refused.0 == .unprocessableEntity && refused.1.contains(message) && refused.1.contains("未保存任何数据"), "\(name)")
            }
            let fixedDefault = try await app.post(admin, "/gigs/skills/housekeeping/rename", [("name", "家政服务")])
            #expect(fixedDefault.0 == .unprocessableEntity && fixedDefault.1.contains("“家政保洁”是全省通用技能，不能改名"))
            #expect(try await app.post(admin, "/gigs/skills/local9/rename", [("name", "插秧")]).0 == .notFound)

            // Other roles: a village operator lacks the capability; a province admin has no county list.
            let village = try await app.session(as: .villageOperator)
            #expect(try await app.post(village, "/gigs/skills/local1/rename", [("name", "插秧")]).0 == .forbidden)
            let province = try await app.session(as: .provinceBusinessAdmin)
            #expect(try await app.post(province, "/gigs/skills/local1/rename", [("name", "插秧")]).0 == .forbidden)
            // Another county's skill is not found from this county.
            _ = try await addPingluCounty(app)
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO gig_skills (id, county_code, code, name, created_by, created_at)
                VALUES (\(bind: UUID()), '140829', 'local5', '平陆花椒采摘', \(bind: admin.accountID), \(bind: Date()))
                """).run()
            #expect(try await app.post(admin, "/gigs/skills/local5/rename", [("name", "插秧")]).0 == .notFound)
            #expect(try await app.post(admin, "/gigs/skills/local5/retire", []).0 == .notFound)
            #expect(try await names(app, county: "140829")["local5"] == "平陆花椒采摘")

            // Nothing of the refusals was written.
            let kept = try await names(app)
            #expect(kept["local1"] == "果树剪枝" && kept["housekeeping"] == "家政保洁")
            #expect(try await auditCount("gig_skill.rename", on: app) == 1)
        }
    }

    @Test("retire: the skill leaves item 4, item 7 and the search filters; a worker and a gig that carry it keep its name; restore brings it back")
    func retireAndRestore() async throws {
        try await TestApp.run { app in
            let (admin, village, worker, recruiter) = try await localSkillScene(app)
            #expect(try await jobs.accept(app, village, citizen: worker, item: 4,
                                          [("skills_harvest", "yes"), ("skills_local1", "yes"), ("weekdays_6", "yes")]).0 == .seeOther)
            #expect(try await GigWorkTests().post(app, village, recruiter: recruiter).0 == .seeOther)
            let gig = try #require(try await GigPostingRecord.query(on: app.db).first())

            #expect(try await app.post(village, "/gigs/skills/harvest/retire", []).0 == .forbidden)
            try await app.expectNoticeRedirect("/gigs/skills/harvest/retire", as: admin, fields: [])
            try await app.expectNoticeRedirect("/gigs/skills/local1/retire", as: admin, fields: [])
            #expect(try await app.post(admin, "/gigs/skills/local1/retire", []).0 == .unprocessableEntity)
            #expect(try await auditDetails("gig_skill.retire", on: app) == ["农业采摘", "果树修剪"].sorted())
            // Retiring keeps the rows: the local skill's, and a county row marking the default.
            let rows = try await (app.db as! any SQLDatabase).raw(
                "SELECT code FROM gig_skills WHERE county_code = '140830' AND retired_at IS NOT NULL ORDER BY code").all()
                .map { try $0.decode(column: "code", as: String.self) }
            #expect(rows == ["harvest", "local1"])
            #expect(try await app.getPage(admin, "/gigs/skills").1.contains("已停用"))

            // Item 4 and item 7 no longer offer them; a registration naming one is refused.
            let newcomer = try await jobs.citizen(app, village, idNumber: BadInputs.withCheck("14083019800808123"))
            let form4 = try await app.getPage(village, "/cases/new?citizen=\(newcomer.uuidString.lowercased())&item=4")
            #expect(form4.0 == .ok && form4.1.contains("name=\"skills_loading\"") && !form4.1.contains("skills_harvest")
                    && !form4.1.contains("skills_local1") && !form4.1.contains("果树修剪"))
            let refused4 = try await jobs.accept(app, village, citizen: newcomer, item: 4, [("skills_local1", "yes"), ("weekdays_6", "yes")])
            #expect(refused4.0 == .unprocessableEntity && refused4.1.contains("零工技能“果树修剪”已停用，请从列表中选择其他技能"))
            let form7 = try await app.getPage(village, "/cases/new?citizen=\(newcomer.uuidString.lowercased())&item=7")
            #expect(form7.0 == .ok && form7.1.contains("<option value=\"loading\">") && !form7.1.contains("<option value=\"harvest\">"))
            let refused7 = try await GigWorkTests().post(app, village, recruiter: newcomer)
            #expect(refused7.0 == .unprocessableEntity && refused7.1.contains("零工技能“农业采摘”已停用"))

            // The searches' filters leave them out, while the gig and the worker that carry them show their names.
            let gigs = try await app.getPage(village, "/gigs")
            #expect(gigs.1.contains("<option value=\"loading\">") && !gigs.1.contains("<option value=\"harvest\">")
                    && gigs.1.contains("苹果采摘装箱") && gigs.1.contains(">农业采摘</a>"))
            #expect(try await app.getPage(village, "/gigs/\(gig.requireID().uuidString.lowercased())").1.contains("零工：农业采摘"))
            let workers = try await app.getPage(village, "/gigs/workers")
            #expect(workers.1.contains("<option value=\"loading\">") && !workers.1.contains("<option value=\"local1\">")
                    && workers.1.contains("农业采摘、果树修剪") && !workers.1.contains("local1<"))
            let recommendations = try await app.getPage(village, "/gigs/recommendations/\(worker.uuidString.lowercased())")
            #expect(recommendations.1.contains("农业采摘、果树修剪"))

            // Restore: offered again, audited; still no row deleted or added.
            try await app.expectNoticeRedirect("/gigs/skills/harvest/restore", as: admin, fields: [])
            #expect(try await app.post(admin, "/gigs/skills/harvest/restore", []).0 == .unprocessableEntity)
            #expect(try await auditDetails("gig_skill.restore", on: app) == ["农业采摘"])
            let again = try await app.getPage(village, "/cases/new?citizen=\(newcomer.uuidString.lowercased())&item=4")
            #expect(again.1.contains("name=\"skills_harvest\"") && !again.1.contains("skills_local1"))
            #expect(try await app.getPage(village, "/gigs").1.contains("<option value=\"harvest\">"))
            let count = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM gig_skills").first()?.decode(column: "n", as: Int.self)
            #expect(count == 2)
            // A retired name still counts as taken: a new skill of that name is refused and told it can be restored.
            let taken = try await app.post(admin, "/gigs/skills", [("name", "果树修剪")])
            #expect(taken.0 == .unprocessableEntity && taken.1.contains("（已停用，可恢复使用）"))
        }
    }

    @Test("a county's own skill is that county's: another county's local1 is another skill and is never recommended for it")
    func localSkillsStayInTheirCounty() async throws {
        #expect(GigSkill.matchKey("harvest", county: "140830") == GigSkill.matchKey("harvest", county: "140881"))
        #expect(GigSkill.matchKey("local1", county: "140830") != GigSkill.matchKey("local1", county: "140881"))
        try await TestApp.run { app in
            let (_, village, worker, recruiter) = try await localSkillScene(app)
            #expect(try await jobs.accept(app, village, citizen: worker, item: 4,
                                          [("skills_local1", "yes"), ("weekdays_1", "yes"), ("weekdays_2", "yes"), ("weekdays_3", "yes"),
                                           ("weekdays_4", "yes"), ("weekdays_5", "yes"), ("weekdays_6", "yes"), ("weekdays_7", "yes")]).0 == .seeOther)
            // The registration keeps whose list the skills came from: a worker served here by household registration
            // while living in another county still has this county's 果树修剪.
            let registration = try #require(try await GigSeekerRecord.find(citizen: worker, on: app.db))
            #expect(registration.skillsCounty == "140830" && registration.profile?.skills == ["140830/local1"])
            registration.residenceDivision = "140881100201"
            #expect(registration.profile?.skills == ["140830/local1"])
            registration.skillsCounty = ""
            #expect(registration.profile?.skills == ["140881/local1"])
            #expect(try await GigWorkTests().post(app, village, recruiter: recruiter, skill: "local1").0 == .seeOther)
            #expect(try await GigWorkTests().post(app, village, recruiter: recruiter, skill: "local1").0 == .seeOther)
            // The second gig stands for one of 永济市, whose local1 is whatever that county added first: same code, same place.
            let gigs = try await GigPostingRecord.query(on: app.db).sort(\.$revision).all()
            #expect(gigs.count == 2)
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE gig_postings SET county_code = '140881' WHERE id = \(bind: try gigs[1].requireID())").run()
            let page = try await app.getPage(village, "/gigs/recommendations/\(worker.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("推荐零工岗位（1个）") && page.1.contains("果树修剪"))
            let (near, other) = (try gigs[0].requireID().uuidString.lowercased(), try gigs[1].requireID().uuidString.lowercased())
            #expect(page.1.contains(near) && !page.1.contains(other))
        }
    }
}
