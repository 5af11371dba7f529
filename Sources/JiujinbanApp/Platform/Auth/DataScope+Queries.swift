import Foundation
import JiujinbanRules

/// Data scope by administrative division (S13): what a signed-in account may see and change.
extension SignedInStaff {
    /// The division whose subtree the account works in (a service point's account: the point's division).
    var scopeRoot: DivisionCode {
        switch scope {
        case .subtree(let root): root
        case .servicePoint(_, let within): within
        }
    }

    /// The one service point a point's account is limited to.
    var ownServicePoint: UUID? {
        if case .servicePoint(let id, _) = scope { id } else { nil }
    }

    /// Division pages: a department sees its subtree; a service point's account sees its own division.
    func sees(division code: DivisionCode) -> Bool {
        scope.showsDivisionPage(code)
    }

    func sees(_ point: ServicePointSummary) -> Bool {
        guard let division = try? DivisionCode(point.divisionCode) else { return false }
        return scope.covers(servicePoint: point.id, in: division)
    }

    /// Whether the account may place or move a record into this division (creating a service point, a division).
    func mayWrite(in code: DivisionCode) -> Bool {
        scope.covers(divisionCode: code)
    }
}
