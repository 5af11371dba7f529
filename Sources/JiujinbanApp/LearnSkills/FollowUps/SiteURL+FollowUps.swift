import Foundation

/// The pages of 培训意向跟踪反馈 (item 18): each one's route pattern and its path with parameters filled in.
extension SiteURL {
    /// The start of the item at the counter: the person's open intentions to choose from.
    static func newTrainingFollowUp(citizen: UUID) -> SiteURL {
        SiteURL(["training", "follow-ups", "new"], "/training/follow-ups/new" + Self.queryString([("citizen", citizen.uuidString.lowercased())]))
    }
    /// Recording what was said, on the follow-up case.
    static func trainingFollowUp(caseID: UUID) -> SiteURL {
        SiteURL(["training", "follow-ups", ":case"], "/training/follow-ups/\(caseID.uuidString.lowercased())")
    }
    /// The printed note for the person (A4).
    static func trainingFollowUpNote(caseID: UUID) -> SiteURL {
        SiteURL(["training", "follow-ups", ":case", "note"], "/training/follow-ups/\(caseID.uuidString.lowercased())/note")
    }
}
