import Fluent
import Foundation
import JiujinbanRules

extension ReportProgress {
    /// The month's submissions, open extension requests and (for a county) its own tasks within the user's division.
    static func load(scope root: DivisionCode, month: ReportMonth, on db: any Database) async throws -> ReportProgress {
        let deadlineDays = try await ReportDeadlines.schedule(on: db)
        let townshipDivisions = try await DivisionQueries.descendants(of: root, level: .township, on: db)
        let submissions = try await ReportSubmissionRecord.query(on: db).filter(\.$month == month.description)
            .filter(\.$townshipCode =~ root.scopePrefix).all()
        let exceptions = try await ReportExceptionRecord.query(on: db).filter(\.$month == month.description)
            .filter(\.$townshipCode =~ root.scopePrefix).filter(\.$state == ReportExceptionRecord.State.requested.rawValue).all()
        let byTownship = Dictionary(submissions.map { ($0.townshipCode, $0) }, uniquingKeysWith: { a, _ in a })
        let pending = Dictionary(exceptions.compactMap { e in e.id.map { (e.townshipCode, ($0, e.reason)) } }, uniquingKeysWith: { a, _ in a })
        let townships = townshipDivisions.map { division -> Township in
            let record = byTownship[division.code]
            let submitted = record?.submittedOn.flatMap(CalendarDate.init(iso:))
            return Township(code: division.code, name: division.name, state: record?.stateValue ?? .draft, submittedOn: record?.submittedOn,
                            onTime: submitted.map { ReportCycle.isOnTime(submittedOn: $0, month: month, deadlineDays: deadlineDays) }, comment: record?.comment,
                            pendingException: pending[division.code])
        }
        var counties: [County] = []
        if root.depth < 2 {
            for county in try await DivisionQueries.descendants(of: root, level: .county, on: db) {
                let mine = townships.filter { $0.code.hasPrefix(String(county.code.prefix(6))) }
                counties.append(County(name: county.name, townships: mine.count,
                                       submitted: mine.filter { $0.state != .draft }.count, onTime: mine.filter { $0.onTime == true }.count,
                                       accepted: mine.filter { $0.state == .accepted }.count))
            }
        }
        var countyTasks: [ReportTask: Bool] = [:]
        if root.depth == 2 {
            for entry in try await ReportEntryRecord.query(on: db).filter(\.$month == month.description).filter(\.$scopeKey == root.value).all() {
                if let task = ReportTask(rawValue: entry.task) { countyTasks[task] = entry.done }
            }
        }
        return ReportProgress(townships: townships, counties: counties, countyTasks: countyTasks,
                              deadline: ReportCycle.deadline(for: month, deadlineDays: deadlineDays))
    }
}
