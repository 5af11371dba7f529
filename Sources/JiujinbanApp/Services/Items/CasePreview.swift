import Foundation
import JiujinbanRules

/// 受理前测算: what accepting an item's form today would give, worked out by the code acceptance runs (a pension
/// claim's refusals with the years missing, or its monthly amount with its parts and the figures used) and shown on
/// the form before anything is written. Items that compute something declare it (`ServiceItem.preview`).
struct CasePreview: Sendable, Equatable {
    let title: String
    /// What the preview rests on: the day of the claim, the first month paid.
    let basis: String
    /// The conditions the person does not meet, each named: accepting the form now would be refused with them.
    let refusals: [String]
    /// The amount, when the conditions are met.
    let computation: CaseComputation?
}
