import Foundation

/// 职责分离 (article 3, S14): what one person may not combine.
public enum SeparationOfDuties {
    /// Whether a person may be given `subject` through `route`, next to `otherAccountsOfPerson` (the person's
    /// other accounts in every status; deactivated ones are ignored). The rule is `PersonPosts`: at most one
    /// administrator post, no handling next to it, auditors and oversight posts alone, a second handling account only
    /// through the application form, one account per unit. The refusal names the account that stands in the way.
    public static func check(
        _ subject: AccountSubject, route: PersonPosts.Route, otherAccountsOfPerson: [HeldAccount]
    ) -> Decision {
        PersonPosts.conflict(adding: subject.post, at: subject.unit, route: route, held: otherAccountsOfPerson)
            .map { .refused(.personPosts($0)) } ?? .allowed
    }

    /// Whether `reviewer` may review a case handled by `handler`. Pass person ids, not account ids, so that a
    /// person holding an operator and a reviewer account cannot review their own case through the other account.
    public static func mayReview(caseHandledBy handler: UUID, reviewer: UUID) -> Decision {
        Decision.require(handler != reviewer, else: .reviewerIsHandler)
    }
}
