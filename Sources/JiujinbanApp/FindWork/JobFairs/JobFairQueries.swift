import Foundation
import JiujinbanRules

// The job-fair pages' values: the controller reads the fairs, this turns each into what `JobFairsPage` shows, its
// status already worked out for the request's time, so the renders take no Fluent model.

/// 招聘会 as the list and its page show it, the division already named.
struct JobFairView: Sendable {
    let id: UUID
    let title: String
    let timeText: String
    let venue: String
    let address: String
    let audience: String
    let organiser: String
    let divisionName: String
    let contactPhone: String
    /// The status at the time of the request.
    let status: JobFairStatus
    let cancelReason: String?
    /// The employers as published (the page's list); `employerCount` is the stored count the list shows.
    let employers: [JobFairDraft.Employer]
    let employerCount: Int
    let postCount: Int
}

enum JobFairQueries {
    /// `names` names the fairs' divisions; an unnamed one shows its code.
    static func view(_ fair: JobFairRecord, names: [String: String], now: WallClockTime) throws -> JobFairView {
        JobFairView(id: try fair.requireID(), title: fair.title, timeText: fair.timeText, venue: fair.venue, address: fair.address,
                    audience: fair.audience, organiser: fair.organiser, divisionName: names[fair.divisionCode] ?? fair.divisionCode,
                    contactPhone: fair.contactPhone, status: fair.status(at: now), cancelReason: fair.cancelReason,
                    employers: fair.employerList, employerCount: fair.employerCount, postCount: fair.postCount)
    }
}
