import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("办件工作台: my open cases, due within one working day, overdue however old, the reviewer's county queue")
struct CaseWorkbenchTests {
    let engine = CaseEngineTests()

    /// The section of the workbench headed `title`, up to the next heading.
    func section(_ page: String, _ title: String) -> String {
        guard let start = page.range(of: "<h2>" + title) else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "<h2>")?.lowerBound ?? rest.endIndex)])
    }

    /// `count` finished cases at the case's point, all accepted after it, as a busy point would have.
    func finishedAfter(_ record: CaseRecord, count: Int, on db: any Database) async throws {
        for index in 1...count {
            let copy = CaseRecord()
            copy.number = record.number + "-" + String(index)
            copy.countyCode = record.countyCode
            copy.acceptedOn = record.acceptedOn
            copy.itemSeq = record.itemSeq
            copy.citizenID = record.citizenID
            copy.servicePointID = record.servicePointID
            copy.divisionCode = record.divisionCode
            copy.channel = record.channel
            copy.handlerAccount = record.handlerAccount
            copy.actorKind = record.actorKind
            copy.actorKey = record.actorKey
            copy.actorLabel = record.actorLabel
            copy.handlerPerson = record.handlerPerson
            copy.acceptedAt = record.acceptedAt.addingTimeInterval(Double(index))
            copy.deadline = record.deadline
            copy.deadlineProvisional = false
            copy.state = CaseFile.State.approved.rawValue
            copy.formSealed = record.formSealed
            copy.submissionKey = UUID().uuidString
            copy.finishedAt = record.acceptedAt.addingTimeInterval(Double(index) + 60)
            copy.updatedAt = copy.finishedAt ?? record.acceptedAt
            try await copy.create(on: db)
        }
    }

    @Test("an open case stays on the workbench behind 600 newer finished ones: due soon on its last day, then overdue")
    func openCasesHoweverOld() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let (status, created) = try await engine.accept(app, village, citizen: citizenID, item: timed.seq)
            #expect(status == .seeOther)
            let id = try #require(created)
            let record = try #require(try await CaseRecord.find(id, on: app.db))

            let first = try await app.getPage(village, "/cases").1
            #expect(first.contains("在办 1 件，其中待审核 1 件"))
            #expect(section(first, "我受理的在办件（1）").contains(record.number))
            #expect(section(first, "待审核（1）").contains(record.number))
            #expect(section(first, "已超期（0）").contains("无"))
            // The county reviewer sees it waiting in the county; another point's operator does not see it at all.
            let review = try await app.getPage(try await app.session(as: .reviewer), "/cases").1
            #expect(section(review, "待审核（1）").contains(record.number))
            // Whose case and which point, without opening it: the person's name masked, the point by its name.
            let citizen = try #require(try await CitizenRecord.find(id: citizenID, on: app.db))
            let point = try #require(try await ServicePoint.find(record.servicePointID, on: app.db))
            #expect(section(review, "待审核（1）").contains("<td>\(Masking.maskedName(citizen.name))</td>"))
            #expect(!review.contains(citizen.name))
            #expect(section(review, "待审核（1）").contains("<td>\(point.institution)</td>"))
            #expect(!section(review, "我受理的在办件").contains(record.number))
            let community = try await app.getPage(try await app.session(as: .communityOperator), "/cases").1
            #expect(!community.contains(record.number) && community.contains("在办 0 件"))

            try await finishedAfter(record, count: 600, on: app.db)
            let deadline = try #require(record.deadline.flatMap(CalendarDate.init(iso:)))
            let today = app.jiujinban.clock.today
            // On the deadline itself: due within one working day.
            clock.advance(by: Double(deadline.dayNumber - today.dayNumber) * 86_400)
            let lastDay = try await app.getPage(try await app.session(as: .villageOperator), "/cases").1
            #expect(section(lastDay, "一个工作日内到期（1）").contains(record.number))
            #expect(section(lastDay, "一个工作日内到期（1）").contains("（即将到期）"))
            #expect(lastDay.contains("最近办结（最新50件）（50）"))
            // The day after: overdue, although 600 cases were accepted after it.
            clock.advance(by: 86_400)
            let late = try await app.getPage(try await app.session(as: .villageOperator), "/cases").1
            #expect(section(late, "已超期（1）").contains(record.number))
            #expect(section(late, "已超期（1）").contains("（已超期）"))
            #expect(section(late, "我受理的在办件（1）").contains(record.number))
        }
    }
}
