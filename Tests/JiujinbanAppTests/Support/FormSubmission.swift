import Foundation
@testable import JiujinbanApp

/// The drawing of a form a page carries (`HeldUploads.submissionField`), as a browser would send it back on a retry.
func formSubmission(in html: String) -> String? {
    let marker = #"name="\#(HeldUploads.submissionField)" value=""#
    guard let start = html.range(of: marker)?.upperBound, let end = html[start...].firstIndex(of: "\"") else { return nil }
    return String(html[start..<end])
}
