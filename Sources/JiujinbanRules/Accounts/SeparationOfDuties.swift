import Foundation

/// 职责分离 (article 3, S14): what one person may not combine.
public enum SeparationOfDuties {
    /// Whether a person may hold `subject` next to `otherAccountsOfPerson` (the person's other accounts; pass
    /// every status, deactivated ones are ignored here).
    ///
    /// - one person never holds both administrator posts, in any units (严禁一人兼任两个岗位);
    /// - one person never has two live accounts in the same unit.
    ///
    /// Frozen and locked accounts count as held: they can be unlocked, and an unlock must not be what puts one
    /// person in both administrator posts.
    public static func check(_ subject: AccountSubject, otherAccountsOfPerson: [StaffAccount]) -> Decision {
        let held = otherAccountsOfPerson.filter(\.status.isLive)
        if subject.post.isAdministrator,
           let clash = held.first(where: { $0.post.isAdministrator && $0.post != subject.post }) {
            return .refused(.bothAdministratorPosts(held: clash.post))
        }
        return Decision.require(!held.contains { $0.unit.isSameUnit(as: subject.unit) }, else: .secondAccountInUnit)
    }

    /// Whether `reviewer` may review a case handled by `handler`. Pass person ids, not account ids, so that a
    /// person holding an operator and a reviewer account cannot review their own case through the other account.
    public static func mayReview(caseHandledBy handler: UUID, reviewer: UUID) -> Decision {
        Decision.require(handler != reviewer, else: .reviewerIsHandler)
    }
}
