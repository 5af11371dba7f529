import Foundation
@testable import JiujinbanApp

/// The drawing of a form a page carries (`HeldUploads.submissionField`), as a browser would send it back on a retry.
func formSubmission(in html: String) -> String? {
    let marker = #"name="\#(HeldUploads.submissionField)" value=""#
    guard let start = html.range(of: marker)?.upperBound, let end = html[start...].firstIndex(of: "\"") else { return nil }
    return String(html[start..<end])
}

import Testing
import Vapor
import VaporTesting

extension Application {
    /// The person search for a number nobody is registered under, as a browser follows it: 303 (with its message) to
    /// the registration form, then that page.
    func lookUpUnknown(_ session: TestSession, _ idNumber: String, item: Int? = nil) async throws -> (HTTPStatus, String) {
        var location = ""
        try await testing().test(.POST, "/citizens/lookup", headers: session.formHeaders,
                                 body: session.form([("id_number", idNumber)] + (item.map { [("item", String($0))] } ?? []))) { res in
            #expect(res.status == .seeOther)
            location = res.headers.first(name: .location) ?? ""
        }
        #expect(location.hasPrefix("/citizens/new"))
        return try await getPage(session, location)
    }
}
