import Foundation
import JiujinbanRules
import Vapor

/// The pages and endpoints of PolicyFigures: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let policyFigures = SiteURL(["policy-figures"], "/policy-figures")
    /// One figure of the province (`county` nil) or of a county: its rows and, for who may, its forms.
    /// `confirm` opens the confirmation form of one 待核实 row, `correct` its correction form (更正并确认).
    static func policyFigure(_ key: PolicyFigureKey, county: DivisionCode?, confirm: UUID? = nil, correct: UUID? = nil) -> SiteURL {
        SiteURL(["policy-figures", ":key"], "/policy-figures/\(key.rawValue)"
            + Self.queryString([("county", county?.countyCode ?? ""), ("confirm", confirm?.uuidString.lowercased() ?? ""),
                                ("correct", correct?.uuidString.lowercased() ?? "")]))
    }
    static let addPolicyFigureSuccessor = SiteURL(["policy-figures", "successors"], "/policy-figures/successors")
    static let confirmPolicyFigure = SiteURL(["policy-figures", "confirmations"], "/policy-figures/confirmations")
    static let correctPolicyFigure = SiteURL(["policy-figures", "corrections"], "/policy-figures/corrections")
}
