import Fluent
import Vapor

/// Gigs: its routes, migrations and navigation, registered once (`Feature`).
enum GigsFeature: Feature {
    static func routes(_ app: Application) {
        GigsController.register(app)
        GigMatchingController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0022CreateGigWork(),
            M0025AddGigSkillRetirement(),
            M0030AddGigSeekerSkillsCounty(),
        ]
    }

    static let notices = [GigNotices.hired, GigNotices.skillAdded, GigNotices.skillRenamed, GigNotices.skillRetired, GigNotices.skillRestored]
}

/// What the gig pages say after a hire was recorded or the skill list changed (`PageNotice`).
enum GigNotices {
    static let hired = PageNotice("gig-hired", "已记录招用结果。")
    static let skillAdded = PageNotice("gig-skill-added", "已添加技能。")
    static let skillRenamed = PageNotice("gig-skill-renamed", "已保存技能名称。")
    static let skillRetired = PageNotice("gig-skill-retired", "已停用该技能，已登记的零工不受影响。")
    static let skillRestored = PageNotice("gig-skill-restored", "已恢复使用该技能。")
}
