import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// The county's gig-skill list: everyone who searches gigs sees it; the county's business admin adds local skills,
/// renames them, and retires or restores any skill. Retiring writes a mark, never deletes: records keep their names.
enum GigSkillsController {
    static func register(_ app: Application) {
        app.get(.gigSkills, .capability(.searchEmploymentDirectories), use: page)
        app.post(.gigSkills, .capability(.manageEmploymentDirectories), use: add)
        app.post(.gigSkillRename(code: ""), .capability(.manageEmploymentDirectories), use: rename)
        app.post(.gigSkillRetire(code: ""), .capability(.manageEmploymentDirectories), use: retire)
        app.post(.gigSkillRestore(code: ""), .capability(.manageEmploymentDirectories), use: restore)
    }

    struct SkillForm: Content {
        var name: String?
    }

    /// The county a business admin maintains: a province or city admin has no county list.
    static func maintainedCounty(_ staff: SignedInStaff) throws -> String {
        guard staff.scopeRoot.depth == 2 else { throw PublicError(.forbidden, "零工技能列表由县级业务管理员维护") }
        return staff.scopeRoot.countyCode
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = GigsController.county(of: staff).countyCode
        return HTMLResponse.make(GigSkillPages.page(try await GigSkills.all(county: county, on: req.db),
                                                    manages: staff.may(.manageEmploymentDirectories) && staff.scopeRoot.depth == 2,
                                                    errors: FieldErrors(), typed: GigSkillPages.Typed(), context: PageContext(req)))
    }

    /// Create's and rename's rules: required, one line of at most 20 characters without markup, unique in the county
    /// (retired skills included: their names stay in use on old records).
    static func validName(_ raw: String?, field: String, renaming code: String? = nil, among skills: [GigSkills.Entry],
                          into errors: inout FieldErrors) -> String {
        let name = TextField.required(raw, field: field, label: "技能名称", maxLength: 20, into: &errors)
        if errors.message(for: field) == nil, let same = skills.first(where: { $0.name == name && $0.code != code }) {
            errors.add(field, "“\(name)”已在本县的技能列表中" + (same.retired ? "（已停用，可恢复使用）" : ""))
        }
        return name
    }

    static func refused(_ req: Request, _ skills: [GigSkills.Entry], _ errors: FieldErrors, _ typed: GigSkillPages.Typed) -> Response {
        HTMLResponse.make(GigSkillPages.page(skills, manages: true, errors: errors, typed: typed, context: PageContext(req)),
                          status: .unprocessableEntity)
    }

    /// The skill named in the path, in the admin's own county: another county's skill is not found.
    static func skill(_ req: Request, in skills: [GigSkills.Entry]) throws -> GigSkills.Entry {
        guard let code = req.parameters.get("code"), let skill = skills.first(where: { $0.code == code }) else {
            throw PublicError.notFound("该零工技能")
        }
        return skill
    }

    @Sendable static func add(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try maintainedCounty(staff)
        let form = try req.content.decode(SkillForm.self)
        let skills = try await GigSkills.all(county: county, on: req.db)
        var errors = FieldErrors()
        let name = validName(form.name, field: "name", among: skills, into: &errors)
        guard errors.isEmpty else { return refused(req, skills, errors, GigSkillPages.Typed(name: form.name ?? "")) }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let number = try await SequenceAllocator.next("gig_skills_\(county)", on: db)
            try await (db as! any SQLDatabase).raw("""
                INSERT INTO gig_skills (id, county_code, code, name, created_by, created_at)
                VALUES (\(bind: UUID()), \(bind: county), \(bind: "local\(number)"), \(bind: name), \(bind: staff.account.id), \(bind: now))
                """).run()
            try await req.audit(AuditEvent("gig_skill.create", objectType: "gig_skill", objectID: "\(county)/local\(number)", detail: name), on: db)
        }
        return HTMLResponse.seeOther(.gigSkills, notice: GigNotices.skillAdded, on: req)
    }

    /// Only local skills are renamed: the defaults are the province's, the same words in every county.
    @Sendable static func rename(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try maintainedCounty(staff)
        let skills = try await GigSkills.all(county: county, on: req.db)
        let skill = try skill(req, in: skills)
        let raw = try req.content.decode(SkillForm.self).name
        let field = GigSkillPages.renameField(skill.code)
        var errors = FieldErrors()
        if skill.isDefault { errors.add(field, "“\(skill.name)”是全省通用技能，不能改名；本县不用时可以停用") }
        let name = skill.isDefault ? skill.name : validName(raw, field: field, renaming: skill.code, among: skills, into: &errors)
        guard errors.isEmpty else { return refused(req, skills, errors, GigSkillPages.Typed(renaming: skill.code, rename: raw ?? "")) }
        guard name != skill.name else { return HTMLResponse.seeOther(.gigSkills, notice: GigNotices.skillRenamed, on: req) }
        try await req.write { db in
            try await (db as! any SQLDatabase).raw(
                "UPDATE gig_skills SET name = \(bind: name) WHERE county_code = \(bind: county) AND code = \(bind: skill.code)").run()
            try await req.audit(AuditEvent("gig_skill.rename", objectType: "gig_skill", objectID: "\(county)/\(skill.code)",
                                           detail: "\(skill.name)→\(name)"), on: db)
        }
        return HTMLResponse.seeOther(.gigSkills, notice: GigNotices.skillRenamed, on: req)
    }

    @Sendable static func retire(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try maintainedCounty(staff)
        let skill = try skill(req, in: try await GigSkills.all(county: county, on: req.db))
        guard !skill.retired else { throw PublicError(.unprocessableEntity, "“\(skill.name)”已停用") }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let sql = db as! any SQLDatabase
            let marked = try await sql.raw("""
                UPDATE gig_skills SET retired_at = \(bind: now) WHERE county_code = \(bind: county) AND code = \(bind: skill.code)
                RETURNING code
                """).all()
            if marked.isEmpty {
                // A default retired for the first time in this county: the county's row carries the mark.
                try await sql.raw("""
                    INSERT INTO gig_skills (id, county_code, code, name, created_by, created_at, retired_at)
                    VALUES (\(bind: UUID()), \(bind: county), \(bind: skill.code), \(bind: skill.name), \(bind: staff.account.id),
                            \(bind: now), \(bind: now))
                    """).run()
            }
            try await req.audit(AuditEvent("gig_skill.retire", objectType: "gig_skill", objectID: "\(county)/\(skill.code)",
                                           detail: skill.name), on: db)
        }
        return HTMLResponse.seeOther(.gigSkills, notice: GigNotices.skillRetired, on: req)
    }

    @Sendable static func restore(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try maintainedCounty(staff)
        let skill = try skill(req, in: try await GigSkills.all(county: county, on: req.db))
        guard skill.retired else { throw PublicError(.unprocessableEntity, "“\(skill.name)”正在使用，无需恢复") }
        try await req.write { db in
            try await (db as! any SQLDatabase).raw(
                "UPDATE gig_skills SET retired_at = NULL WHERE county_code = \(bind: county) AND code = \(bind: skill.code)").run()
            try await req.audit(AuditEvent("gig_skill.restore", objectType: "gig_skill", objectID: "\(county)/\(skill.code)",
                                           detail: skill.name), on: db)
        }
        return HTMLResponse.seeOther(.gigSkills, notice: GigNotices.skillRestored, on: req)
    }
}
