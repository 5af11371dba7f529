import Vapor

/// A record that exists but lies outside the user's data scope (S13). The user gets exactly what a missing record
/// gives (404, the same words: nothing leaks about whether it exists), but unlike a missing record this is a denial,
/// so `AccessMiddleware` writes it to the audit trail as one (S12, S16).
struct OutOfScope: Error, Sendable {
    /// The record as the page names it (`该办事群众`), for the 404's words.
    let what: String
    let objectType: String
    let objectID: String
    /// What the user is told instead of the missing record's words, where the page already shows the record and
    /// only the change is out of scope (editing another division's directory entry: 403 with its reason).
    let answer: PublicError?

    init(_ what: String, objectType: String, objectID: String, answer: PublicError? = nil) {
        self.what = what
        self.objectType = objectType
        self.objectID = objectID
        self.answer = answer
    }

    init(_ what: String, objectType: String, id: UUID, answer: PublicError? = nil) {
        self.init(what, objectType: objectType, objectID: id.uuidString.lowercased(), answer: answer)
    }

    /// What the user is told: the words of a missing record, unless the refusal names its own answer.
    var publicError: PublicError { answer ?? PublicError.notFound(what) }
}
