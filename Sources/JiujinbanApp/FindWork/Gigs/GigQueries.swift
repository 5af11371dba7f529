import Foundation
import JiujinbanRules

// The gig pages' values: the controllers read the records, these functions turn them into what each page shows
// (`GigPages`), so the renders take no Fluent model and the same values can answer JSON later.

/// 零工岗位 page: one gig written out as the page shows it.
struct GigView: Sendable {
    let id: UUID
    let skillName: String
    let content: String
    /// The recruiting unit, or 个人招用.
    let recruiterText: String
    let placeText: String
    let daysText: String
    let headcountText: String
    let dayWageText: String
    let phone: String
    let stateLabel: String
    let hired: Int
    /// The viewer records for the gig's county and the gig has not ended: the hired form is offered.
    let mayRecordHired: Bool
}

/// A person's gig registration as item 5's page shows it.
struct GigSeekerFacts: Sendable {
    let skillsText: String
    let weekdaysText: String
    let wageText: String
    let rangeText: String
    let isActive: Bool
}

/// One recommended gig: the match and the gig's short description.
struct GigMatchLine: Sendable {
    let id: String
    let title: String
    let daysText: String
    let score: Int
    let reasons: [GigMatcher.Reason]
}

/// 零工岗位信息推荐 (item 5): the worker, the registration if any, and the gigs it suits.
struct WorkerGigsView: Sendable {
    let citizenID: UUID
    let maskedName: String
    let seeker: GigSeekerFacts?
    let matches: [GigMatchLine]
    let mayPush: Bool
    let mayRegister: Bool
}

/// One open gig of a recruiter and the workers it suits (item 8).
struct RecruiterGigSection: Sendable {
    let gigID: UUID
    /// 技能：工作内容 (first 30 characters).
    let heading: String
    /// （起 至 止，缺N人）
    let detail: String
    let matches: [GigMatcher.Match]
    let maskedNames: [String: String]
}

/// 零工求职信息推荐 (item 8): the recruiter and a section per open gig.
struct RecruiterGigsView: Sendable {
    let citizenID: UUID
    let maskedName: String
    let sections: [RecruiterGigSection]
    let mayPush: Bool
    let mayPost: Bool
}

/// One registered worker in item 9's list, name masked.
struct GigWorkerLine: Sendable {
    let citizenID: UUID
    let maskedName: String
    let skillsText: String
    let weekdaysText: String
    let wageText: String
    let placeText: String
}

enum GigQueries {
    static func gig(_ gig: GigPostingRecord, skillName: String, place: String, phone: String, manages: Bool, today: CalendarDate)
        throws -> GigView
    {
        let state = gig.state(today: today)
        return GigView(id: try gig.requireID(), skillName: skillName, content: gig.content, recruiterText: gig.recruiterUnit ?? "个人招用",
                       placeText: place + " " + gig.address, daysText: "\(gig.startOn) 至 \(gig.endOn)",
                       headcountText: "\(gig.headcount)人，已招\(gig.hired)人", dayWageText: JobPostingPages.yuan(gig.dayWageFen) + "元",
                       // A private recruiter is a citizen: the phone is masked here (domain rules §10); the worker
                       // receives it in full by the push (items 5 and 8), which is recorded as a case.
                       phone: gig.recruiterUnit == nil ? Masking.maskedPhone(phone) + "（个人招用者，推送时发给求职者）" : phone,
                       stateLabel: state.label, hired: gig.hired, mayRecordHired: manages && state != .ended)
    }

    static func skillsText(_ seeker: GigSeekerRecord, names: [String: String]) -> String {
        seeker.skillCodes.map { names[$0] ?? $0 }.joined(separator: "、")
    }

    static func forWorker(citizen: CitizenRecord, seeker: GigSeekerRecord?, names: [String: String], matches: [GigMatcher.Match],
                          gigs: [String: GigPostingRecord], mayPush: Bool, mayRegister: Bool) throws -> WorkerGigsView {
        let facts = seeker.map { seeker in
            GigSeekerFacts(skillsText: skillsText(seeker, names: names), weekdaysText: GigSeekerDraft.weekdayText(seeker.weekdaySet),
                           wageText: seeker.expectedDayWageFen.map { JobPostingPages.yuan($0) + "元/天" } ?? "未填",
                           rangeText: seeker.radiusMeters.map { MonthlyReportTable.kilometres($0) + "以内" } ?? "不限",
                           isActive: seeker.isActive)
        }
        let lines = matches.map { match in
            let gig = gigs[match.id]
            return GigMatchLine(id: match.id, title: (gig?.content).map { String($0.prefix(40)) } ?? "",
                                daysText: "\(gig?.startOn ?? "") 至 \(gig?.endOn ?? "")", score: match.score, reasons: match.reasons)
        }
        return WorkerGigsView(citizenID: try citizen.requireID(), maskedName: Masking.maskedName(citizen.name), seeker: facts,
                              matches: lines, mayPush: mayPush, mayRegister: mayRegister)
    }

    static func section(_ gig: GigPostingRecord, skillName: String, matches: [GigMatcher.Match], maskedNames: [String: String])
        throws -> RecruiterGigSection
    {
        RecruiterGigSection(gigID: try gig.requireID(), heading: "\(skillName)：\(gig.content.prefix(30))",
                            detail: "（\(gig.startOn) 至 \(gig.endOn)，缺\(gig.headcount - gig.hired)人）",
                            matches: matches, maskedNames: maskedNames)
    }

    static func workerLine(_ seeker: GigSeekerRecord, maskedNames: [UUID: String], places: [String: String], names: [String: String])
        -> GigWorkerLine
    {
        GigWorkerLine(citizenID: seeker.citizenID, maskedName: maskedNames[seeker.citizenID] ?? "", skillsText: skillsText(seeker, names: names),
                      weekdaysText: GigSeekerDraft.weekdayText(seeker.weekdaySet),
                      wageText: seeker.expectedDayWageFen.map(JobPostingPages.yuan) ?? "", placeText: places[seeker.residenceDivision] ?? "")
    }
}
