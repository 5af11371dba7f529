import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// Synthetic cases over the last 120 days: accepted by the county's operators on working days, for citizens of
/// the registry, on items their grants allow; decided by the county reviewer where the item needs review, some
/// late, some rejected or waiting for documents, the recent ones still open, so workbenches and statistics have
/// realistic material.
extension SyntheticData {
    private struct Operator {
        let account: UUID
        let person: UUID
        let name: String
        let point: ServicePoint
        let items: [ServiceCatalogue.Item]
    }

    private struct Reviewer {
        let account: UUID
        let name: String
    }

    func cases(_ count: Int) async throws -> Int {
        let operators = try await countyOperators()
        guard !operators.isEmpty else {
            throw PublicError(.conflict, "芮城县还没有可受理办件的经办人员账号：请先载入演示数据，或加 --operators 生成")
        }
        let citizenIDs = try await (app.db as! any SQLDatabase).raw("SELECT id FROM citizens ORDER BY id").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard !citizenIDs.isEmpty else { throw PublicError(.conflict, "还没有办事群众：请先加 --citizens 生成") }
        let reviewer = try await countyReviewer()
        let calendar = WorkCalendarStore.calendar(of: try await WorkCalendarStore.years(builtIn: app.jiujinban.workCalendar, on: app.db))
        let today = app.jiujinban.clock.today
        let days = (1...120).map { today.adding(days: -$0) }.filter { calendar.isWorkday($0) == .workday }
        var rng = SeededGenerator(seed: seed ^ 0x4341_5345)
        let cipher = app.jiujinban.cipher
        let form = try cipher.seal(#"{"documents_checked":"yes","note":""}"#, context: CaseRecord.formContext)
        var done = 0
        while done < count {
            let size = min(Self.caseBatch, count - done)
            var drafts: [(CaseRecord, [CaseStep], CalendarDate)] = []
            for _ in 0..<size {
                let handler = operators[Int.random(in: 0..<operators.count, using: &rng)]
                let day = days[Int.random(in: 0..<days.count, using: &rng)]
                let item = handler.items[Int.random(in: 0..<handler.items.count, using: &rng)]
                let citizen = citizenIDs[Int.random(in: 0..<citizenIDs.count, using: &rng)]
                drafts.append(draft(item: item, day: day, citizen: citizen, handler: handler, reviewer: reviewer, form: form,
                                    calendar: calendar, today: today, rng: &rng))
            }
            try await app.jiujinban.writer.write(on: app.db) { [drafts] db in
                // Number the batch's cases per day from the county's counter, as acceptance does one by one.
                for (day, group) in Dictionary(grouping: drafts, by: { $0.2 }) {
                    guard let county = try? DivisionCode(GenerateDataCommand.county + "000000") else { continue }
                    let last = try await SequenceAllocator.advance(CaseNumber.counterName(county: county, date: day),
                                                                   by: group.count, on: db)
                    for (offset, entry) in group.enumerated() {
                        guard let number = CaseNumber(county: county, date: day, sequence: last - group.count + 1 + offset) else {
                            throw PublicError(.conflict, "\(day.iso) 办件编号已用完")
                        }
                        entry.0.number = number.text
                    }
                }
                try await drafts.map(\.0).create(on: db)
                try await drafts.flatMap(\.1).create(on: db)
            }
            let previous = done
            done += size
            progress.step("生成办件", done: done, of: count, previous: previous)
        }
        return count
    }

    private func draft(
        item: ServiceCatalogue.Item, day: CalendarDate, citizen: UUID, handler: Operator, reviewer: Reviewer?, form: String,
        calendar: WorkCalendar, today: CalendarDate, rng: inout SeededGenerator
    ) -> (CaseRecord, [CaseStep], CalendarDate) {
        let accepted = Self.instant(day, minute: Int.random(in: 510...1050, using: &rng))
        let record = CaseRecord()
        let id = UUID()
        record.id = id
        record.countyCode = GenerateDataCommand.county
        record.acceptedOn = day.iso
        record.itemSeq = item.seq
        record.citizenID = citizen
        record.servicePointID = handler.point.id!
        record.divisionCode = handler.point.divisionCode
        record.channel = ServiceCatalogue.Channel.counter.rawValue
        record.handlerAccount = handler.account
        record.handlerPerson = handler.person
        record.actorKind = "staff"
        record.actorKey = "staff:" + handler.account.uuidString.lowercased()
        record.actorLabel = ""
        record.acceptedAt = accepted
        record.formSealed = form
        record.submissionKey = UUID().uuidString.lowercased()
        let deadline = item.workingDays > 0 ? calendar.addingWorkingDays(item.workingDays, to: day) : nil
        record.deadline = deadline?.date.iso
        record.deadlineProvisional = deadline?.isProvisional ?? false
        var steps = [step(id, at: accepted, account: handler.account, name: handler.name, post: .operator,
                          unit: handler.point.institution, action: "accept",
                          detail: deadline.map { "办结期限 \($0.date.iso)" } ?? "即时办结")]
        record.state = CaseFile.State.approved.rawValue
        record.finishedAt = accepted
        record.updatedAt = accepted
        if let deadline, let reviewer {
            // Most are decided within the limit; about one in ten late; the recent ones partly still open.
            let taken = Int.random(in: 1...(item.workingDays + max(1, item.workingDays / 5)), using: &rng)
            let decidedOn = calendar.addingWorkingDays(taken, to: day).date
            if decidedOn >= today {
                record.state = CaseFile.State.accepted.rawValue
                record.finishedAt = nil
            } else {
                let decided = Self.instant(decidedOn, minute: Int.random(in: 510...1050, using: &rng))
                let roll = Int.random(in: 0..<100, using: &rng)
                let (state, action, detail): (CaseFile.State, String, String?) = switch roll {
                case 0..<8: (.returned, "return", "需补正：户口簿复印件")
                case 8..<18: (.rejected, "reject", "经核查不符合办理条件")
                default: (.approved, "approve", nil)
                }
                record.state = state.rawValue
                record.reviewerAccount = state == .returned ? nil : reviewer.account
                record.decisionReason = state == .rejected ? detail : nil
                record.missingDocuments = state == .returned ? #"["户口簿复印件"]"# : nil
                record.finishedAt = state.isFinal ? decided : nil
                record.updatedAt = decided
                steps.append(step(id, at: decided, account: reviewer.account, name: reviewer.name, post: .reviewer,
                                  unit: "芮城县人社部门", action: action, detail: detail))
            }
        } else if deadline != nil {
            record.state = CaseFile.State.accepted.rawValue
            record.finishedAt = nil
        }
        return (record, steps, day)
    }

    private func step(_ caseID: UUID, at: Date, account: UUID, name: String, post: Post, unit: String, action: String,
                      detail: String?) -> CaseStep {
        let step = CaseStep()
        step.id = UUID()
        step.caseID = caseID
        step.at = at
        step.actorAccount = account
        step.actorKind = "staff"
        step.actorName = name
        step.actorPost = post.rawValue
        step.actorUnitName = unit
        step.action = action
        step.detail = detail
        return step
    }

    /// `minute` minutes after midnight of `day` in Asia/Shanghai.
    static func instant(_ day: CalendarDate, minute: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + minute * 60 - 8 * 3_600))
    }

    private func countyOperators() async throws -> [Operator] {
        let accounts = try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue)
            .filter(\.$status == AccountStatus.active.rawValue).filter(\.$unitDivisionCode =~ GenerateDataCommand.county)
            .sort(\.$unitDivisionCode).all()
        var result: [Operator] = []
        for account in accounts where account.roleAssociatedAt != nil {
            guard let id = account.id, let pointID = account.unitServicePointID,
                  let point = try await ServicePoint.find(pointID, on: app.db),
                  let person = try await StaffPerson.find(account.personID, on: app.db) else { continue }
            let grants = try await StaffDirectory.grants(of: id, on: app.db)
            // Items with their own form change their own records; the generator's cases use the generic flow only.
            let items = app.jiujinban.catalogue.items.filter {
                $0.channels.contains(.counter) && grants.contains(ItemPermission(item: $0.seq, action: .handle))
                    && !$0.hasOwnForm
            }
            if !items.isEmpty {
                result.append(Operator(account: id, person: account.personID, name: person.name, point: point, items: items))
            }
        }
        return result
    }

    private func countyReviewer() async throws -> Reviewer? {
        guard let account = try await AccountRecord.query(on: app.db).filter(\.$post == Post.reviewer.rawValue)
            .filter(\.$status == AccountStatus.active.rawValue).filter(\.$unitDivisionCode == GenerateDataCommand.county + "000000")
            .first(), let id = account.id, let person = try await StaffPerson.find(account.personID, on: app.db) else { return nil }
        return Reviewer(account: id, name: person.name)
    }
}
