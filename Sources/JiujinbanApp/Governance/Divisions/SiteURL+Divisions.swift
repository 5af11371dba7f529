import Foundation
import JiujinbanRules
import Vapor

/// The pages and endpoints of Divisions: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let divisions = SiteURL(["divisions"], "/divisions")
    static func division(code: String) -> SiteURL {
        SiteURL(["divisions", ":code"], "/divisions/\(code)", division: try? DivisionCode(code))
    }
    static func newDivision(parent: String?) -> SiteURL {
        SiteURL(["divisions", "new"], "/divisions/new" + (parent.map { "?parent=\($0)" } ?? ""))
    }
    static let createDivision = SiteURL(["divisions"], "/divisions")
}
