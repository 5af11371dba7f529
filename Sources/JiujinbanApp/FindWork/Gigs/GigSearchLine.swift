import Foundation
import JiujinbanRules
import SQLKit

extension GigPages.Line {
    /// The search's row as the list shows it; kept out of the page file so that pages touch no database type.
    init(row: any SQLRow, names: [String: String]) throws {
        id = try row.decode(column: "id", as: UUID.self)
        let skill = try row.decode(column: "skill", as: String.self)
        skillName = names[skill] ?? skill
        content = try row.decode(column: "content", as: String.self)
        recruiterUnit = try row.decode(column: "recruiter_unit", as: String?.self)
        days = "\(try row.decode(column: "start_on", as: String.self)) 至 \(try row.decode(column: "end_on", as: String.self))"
        let headcount = try row.decode(column: "headcount", as: Int.self), hired = try row.decode(column: "hired", as: Int.self)
        places = "\(headcount - hired)/\(headcount)"
        dayWage = JobPostingPages.yuan(try row.decode(column: "day_wage_fen", as: Int.self))
    }
}
