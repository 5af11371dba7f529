import Foundation

/// A workflow step that remembers who took it as they were then (the account may later change unit or name):
/// account, name, post and unit name. Application steps and case steps share it.
protocol StepActorStamped: AnyObject {
    var actorAccount: UUID { get set }
    var actorName: String { get set }
    var actorPost: String { get set }
    var actorUnitName: String { get set }
}

extension StepActorStamped {
    func stamp(_ actor: SignedInStaff) {
        actorAccount = actor.account.id
        actorName = actor.personName
        actorPost = actor.account.post.rawValue
        actorUnitName = actor.unitName
    }
}
