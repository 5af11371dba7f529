import Foundation
import JiujinbanRules

// The fixed-job pages' values: the controllers read the records, these functions turn them into what each page
// shows (`EmployerPages`, `JobPostingPages`, `PostingSeekersPage`), so the renders take no Fluent model and the same
// values can answer JSON later.

/// 用人单位 as its pages show it.
struct EmployerView: Sendable {
    let id: UUID
    let name: String
    let creditCode: String
    let address: String
    let contactName: String
    let contactPhone: String
}

/// One posting in an employer's list.
struct JobPostingLine: Sendable {
    let id: UUID
    let title: String
    let headcount: Int
    let wageText: String
    let validUntil: String
    let statusText: String
}

/// 用人单位 page: the employer, where it is, and its postings newest first.
struct EmployerPageView: Sendable {
    let employer: EmployerView
    let divisionText: String
    let postings: [JobPostingLine]
    /// The viewer records employers for the employer's county: may post for it.
    let manages: Bool
}

/// 岗位 page: one posting, every fact already written out as the page shows it.
struct JobPostingView: Sendable {
    let id: UUID
    let title: String
    let employerID: UUID
    let employerName: String
    /// Code and name of the occupation (`4-02 道路运输服务人员`).
    let occupationText: String
    let headcount: Int
    let wageText: String
    let requirementsText: String
    /// The workplace's division path and the street address.
    let placeText: String
    let hoursText: String
    let validUntil: String
    let contactText: String
    let statusText: String
    /// Not closed and not past its validity: only then are the seekers and the close form offered.
    let isOpen: Bool
    let manages: Bool
    let matchesSeekers: Bool
}

/// 适合的求职者: a posting and the seekers it suits, names masked.
struct PostingSeekersView: Sendable {
    let postingID: UUID
    let title: String
    let open: Bool
    let matches: [JobMatcher.SeekerMatch]
    let maskedNames: [String: String]
    let scope: String
}

enum JobQueries {
    static func employer(_ record: EmployerRecord) throws -> EmployerView {
        EmployerView(id: try record.requireID(), name: record.name, creditCode: record.creditCode, address: record.address,
                     contactName: record.contactName, contactPhone: record.contactPhone)
    }

    /// 招聘中, 已过期 or 已停止招聘 with the reason.
    static func status(_ posting: JobPostingRecord, today: CalendarDate) -> String {
        if posting.closedAt != nil { return "已停止招聘（\(posting.closeReason ?? "")）" }
        if let until = CalendarDate(iso: posting.validUntil), until < today { return "已过期" }
        return "招聘中"
    }

    static func isOpen(_ posting: JobPostingRecord, today: CalendarDate) -> Bool {
        posting.closedAt == nil && (CalendarDate(iso: posting.validUntil).map { $0 >= today } ?? false)
    }

    static func line(_ posting: JobPostingRecord, today: CalendarDate) throws -> JobPostingLine {
        JobPostingLine(id: try posting.requireID(), title: posting.title, headcount: posting.headcount,
                       wageText: JobPostingPages.wageText(posting.wageMinimumFen, posting.wageMaximumFen),
                       validUntil: posting.validUntil, statusText: status(posting, today: today))
    }

    static func employerPage(_ employer: EmployerRecord, division: String, postings: [JobPostingRecord], manages: Bool,
                             today: CalendarDate) throws -> EmployerPageView {
        EmployerPageView(employer: try self.employer(employer), divisionText: division,
                         postings: try postings.map { try line($0, today: today) }, manages: manages)
    }

    static func posting(_ posting: JobPostingRecord, employer: EmployerRecord, occupationName: String, place: String, manages: Bool,
                        matchesSeekers: Bool, today: CalendarDate) throws -> JobPostingView {
        let ages: ClosedRange<Int>? = posting.ageMinimum.map { $0...(posting.ageMaximum ?? StatutoryRetirement.highestAgeYears) }
        return JobPostingView(
            id: try posting.requireID(), title: posting.title, employerID: posting.employerID, employerName: employer.name,
            occupationText: "\(posting.occupation) \(occupationName)", headcount: posting.headcount,
            wageText: JobPostingPages.wageText(posting.wageMinimumFen, posting.wageMaximumFen),
            requirementsText: JobPostingPages.requirements(education: posting.education.flatMap(EducationLevel.init(rawValue:)), ages: ages),
            placeText: place + " " + posting.address, hoursText: posting.hours ?? "未填写", validUntil: posting.validUntil,
            contactText: employer.contactName + " " + employer.contactPhone, statusText: status(posting, today: today),
            isOpen: isOpen(posting, today: today), manages: manages, matchesSeekers: matchesSeekers)
    }
}
