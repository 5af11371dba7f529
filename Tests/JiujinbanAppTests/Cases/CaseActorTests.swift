import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 21: the case engine takes an actor, not a request. One case through each kind of actor, with its channel
/// and actor recorded; refusals where the item, the catalogue or the client's scope does not allow it.
@Suite("办件 by every kind of actor: counter staff, a kiosk, an interface client, the platform")
struct CaseActorTests {
    let engine = CaseEngineTests()
    /// 企业职工基本养老保险参保情况查询: offered at the counter and the kiosk; no module of its own yet.
    static let kioskItem = 25
    /// 灵活就业人员参保登记: offered at the counter only.
    static let counterOnlyItem = 20
    /// 培训意向跟踪反馈: the platform may open it as a follow-up.
    static let followUpItem = 18

    struct Setup {
        let citizen: CitizenRecord
        let point: ServicePoint
        let kiosk: UUID
    }

    func setUp(_ app: Application) async throws -> Setup {
        let village = try await app.session(as: .villageOperator)
        let citizenID = try await engine.citizen(app, village)
        let citizen = try #require(try await CitizenRecord.find(id: citizenID, on: app.db))
        let account = try #require(try await AccountRecord.find(village.accountID, on: app.db))
        let point = try #require(try await ServicePoint.find(try #require(account.unitServicePointID), on: app.db))
        return Setup(citizen: citizen, point: point, kiosk: try await kiosk(app, at: try point.requireID()))
    }

    func kiosk(_ app: Application, at point: UUID, status: KioskStatus = .active, serial: String = "JJB-K-0001") async throws -> UUID {
        let record = KioskRecord()
        record.id = UUID()
        record.servicePointID = point
        record.serialNumber = serial
        record.installedOn = "2026-11-01"
        record.status = status.rawValue
        record.createdAt = Date()
        try await record.create(on: app.db)
        return try record.requireID()
    }

    func submit(_ app: Application, _ citizen: CitizenRecord, item seq: Int, by actor: CaseActor, key: String = UUID().uuidString.lowercased(),
                form: [String: String] = ["documents_checked": "yes", "note": "测试"]) async throws -> CaseEngine.Outcome
    {
        let item = try #require(app.jiujinban.catalogue.items.first { $0.seq == seq })
        return try await CaseEngine.submit(.init(citizen: citizen, item: item, sent: form, key: key), by: actor, in: CaseContext(app))
    }

    func accept(_ app: Application, _ citizen: CitizenRecord, item seq: Int, by actor: CaseActor, key: String = UUID().uuidString.lowercased(),
                form: [String: String] = ["documents_checked": "yes", "note": "测试"]) async throws -> UUID
    {
        switch try await submit(app, citizen, item: seq, by: actor, key: key, form: form) {
        case .accepted(let id): return id
        case .refused(_, let errors): throw errors
        }
    }

    func refusal(_ app: Application, _ citizen: CitizenRecord, item: Int, by actor: CaseActor) async throws -> String? {
        do {
            _ = try await accept(app, citizen, item: item, by: actor)
            return nil
        } catch let error as PublicError {
            #expect(error.status == .forbidden)
            return error.reason
        }
    }

    func client(_ setup: Setup, items: Set<Int>) throws -> InterfaceClient {
        InterfaceClient(name: "county-hall", items: items, divisions: [try #require(try DivisionCode(setup.point.divisionCode).ancestor(atDepth: 2))])
    }

    @Test("a kiosk, an interface client and the platform each open a case: channel, actor, timeline and audit record them")
    func everyActor() async throws {
        try await TestApp.run { app in
            let setup = try await setUp(app)
            let citizenID = try setup.citizen.requireID()
            let village = try await app.session(as: .villageOperator)
            let grants = try await StaffDirectory.grants(of: village.accountID, on: app.db)
            let counterItem = try #require(app.jiujinban.catalogue.items.first { grants.contains(.handle($0.seq)) && !ItemRegistry.specific.contains($0.seq) })
            let (status, counterCase) = try await engine.accept(app, village, citizen: citizenID, item: counterItem.seq)
            #expect(status == .seeOther)
            let device = try await KioskDevice.registered(setup.kiosk, identified: citizenID, on: app.db)
            // The follow-up is of an open training intention (written straight into its table; any case stands for its
            // registration).
            let intention = UUID()
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO training_intentions (id, citizen_id, county_code, division_code, service_point_id, case_id, occupation_code, level,
                    groups, group_bases, registered_on, status, created_at)
                VALUES (\(bind: intention), \(bind: citizenID), '140830', \(bind: setup.point.divisionCode), \(bind: try setup.point.requireID()),
                    \(bind: try #require(counterCase)), '6-01', 5, 'rural-migrant', '[]', '2026-11-02', 'open', \(bind: Date()))
                """).run()
            let cases: [(UUID, CaseChannel, String, String)] = [
                (try #require(counterCase), .counter, "staff", "staff:" + village.accountID.uuidString.lowercased()),
                (try await accept(app, setup.citizen, item: Self.kioskItem, by: .kiosk(device)), .kiosk, "kiosk",
                 "kiosk:" + setup.kiosk.uuidString.lowercased()),
                (try await accept(app, setup.citizen, item: Self.kioskItem, by: try .interface(client(setup, items: [Self.kioskItem]), for: setup.point)),
                 .interface, "interface", "interface:county-hall"),
                (try await accept(app, setup.citizen, item: Self.followUpItem, by: try .platform(.followUp, for: setup.point),
                                  form: ["intention": intention.uuidString.lowercased()]), .system,
                 "platform", "platform:followUp"),
            ]
            for (id, channel, kind, key) in cases {
                let record = try #require(try await CaseRecord.find(id, on: app.db))
                #expect(record.channelValue == channel && record.actorKind == kind && record.actorKey == key, "\(kind)")
                #expect((record.handlerAccount != nil) == (kind == "staff"), "\(kind)")
                #expect(record.servicePointID == setup.point.id)
                let steps = try await CaseStep.query(on: app.db).filter(\.$caseID == id).all()
                #expect(steps.map(\.actorKind) == [kind])
                // The operator of the point sees every case of the point, whoever opened it, and through which channel.
                let page = try await app.getPage(village, "/cases/\(id.uuidString.lowercased())")
                #expect(page.0 == .ok, "\(kind)")
                #expect(page.1.contains("<dt>受理渠道</dt><dd>\(channel.label)"), "\(kind)")
            }
            let kioskReceipt = try await app.getPage(village, "/cases/\(cases[1].0.uuidString.lowercased())/receipt")
            #expect(kioskReceipt.1.contains("自助机（自助机 JJB-K-0001）"))
            let kioskStep = try #require(try await CaseStep.query(on: app.db).filter(\.$actorKind == "kiosk").first())
            #expect(kioskStep.actorName == "自助机 JJB-K-0001" && kioskStep.actorAccount == nil)
            let roles = try await (app.db as! any SQLDatabase).raw("SELECT role, detail FROM audit_log WHERE action = 'case.accept' ORDER BY seq")
                .all().map { (try $0.decode(column: "role", as: String?.self) ?? "", try $0.decode(column: "detail", as: String.self)) }
            #expect(roles.map(\.0) == ["operator", "kiosk:JJB-K-0001", "interface:county-hall", "system:followUp"])
            #expect(roles.map(\.1).map { $0.hasSuffix("（柜面）") || $0.hasSuffix("（自助机）") || $0.hasSuffix("（接口）") || $0.hasSuffix("（系统）") }
                        == [true, true, true, true])
        }
    }

    @Test("refused where the catalogue, the identified person, the client's scope or the item's platform purposes say no")
    func refusals() async throws {
        try await TestApp.run { app in
            let setup = try await setUp(app)
            let citizenID = try setup.citizen.requireID()
            let device = try await KioskDevice.registered(setup.kiosk, identified: citizenID, on: app.db)
            let before = try await CaseRecord.query(on: app.db).count()
            #expect(try await refusal(app, setup.citizen, item: Self.counterOnlyItem, by: .kiosk(device))?.contains("不能在自助机办理") == true)
            let other = try await KioskDevice.registered(setup.kiosk, identified: UUID(), on: app.db)
            #expect(try await refusal(app, setup.citizen, item: Self.kioskItem, by: .kiosk(other)) == "自助机只能为已核验身份的本人办理")
            let narrow = try client(setup, items: [Self.kioskItem])
            #expect(try await refusal(app, setup.citizen, item: Self.counterOnlyItem, by: try .interface(narrow, for: setup.point))?
                .contains("接口客户端无权办理") == true)
            #expect(try await refusal(app, setup.citizen, item: Self.kioskItem, by: try .platform(.followUp, for: setup.point))?
                .contains("系统不能自动办理") == true)
            #expect(try await CaseRecord.query(on: app.db).count() == before, "nothing written")
            let denials = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case.accept' AND result = 'denied'").first()?.decode(column: "n", as: Int.self)
            #expect(denials == 4)
            // A client acting for a point outside its divisions, and a retired kiosk, never become actors.
            let elsewhere = InterfaceClient(name: "elsewhere", items: [Self.kioskItem], divisions: [try DivisionCode("140802000000")])
            #expect(throws: PublicError.self) { try CaseActor.interface(elsewhere, for: setup.point) }
            let retired = try await kiosk(app, at: try setup.point.requireID(), status: .retired, serial: "JJB-K-0002")
            await #expect(throws: PublicError.self) { try await KioskDevice.registered(retired, identified: citizenID, on: app.db) }
        }
    }

    @Test("a counter acceptance the staff member may not make is refused 403 and audited once, before its form is read")
    func counterRefusalAudited() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let grants = try await StaffDirectory.grants(of: village.accountID, on: app.db)
            let item = try #require(app.jiujinban.catalogue.items.first { grants.contains(.handle($0.seq)) && !ItemRegistry.specific.contains($0.seq) })
            try await StaffRegistry.setGrants(grants.subtracting([.handle(item.seq)]), of: village.accountID, on: app.db)
            // Unchecked documents too: a refused actor hears the refusal, not the form's problems.
            let (status, created) = try await engine.accept(app, village, citizen: citizenID, item: item.seq, checked: false)
            #expect(status == .forbidden && created == nil)
            #expect(try await auditCount("case.accept", result: "denied", on: app) == 1)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$citizenID == citizenID).count() == 0)
        }
    }

    @Test("a repeated submission is the same case for the same actor; another actor's same key is its own case")
    func repeatedSubmissionPerActor() async throws {
        try await TestApp.run { app in
            let setup = try await setUp(app)
            let device = try await KioskDevice.registered(setup.kiosk, identified: try setup.citizen.requireID(), on: app.db)
            let key = UUID().uuidString.lowercased()
            let first = try await accept(app, setup.citizen, item: Self.kioskItem, by: .kiosk(device), key: key)
            let again = try await accept(app, setup.citizen, item: Self.kioskItem, by: .kiosk(device), key: key)
            #expect(first == again)
            let client = try await accept(app, setup.citizen, item: Self.kioskItem,
                                          by: try .interface(client(setup, items: [Self.kioskItem]), for: setup.point), key: key)
            #expect(client != first)
            #expect(try await CaseRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("a kiosk's form is validated by the same use case as the counter's: every problem named, nothing written")
    func kioskFormRefused() async throws {
        try await TestApp.run { app in
            let setup = try await setUp(app)
            let device = try await KioskDevice.registered(setup.kiosk, identified: try setup.citizen.requireID(), on: app.db)
            let outcome = try await submit(app, setup.citizen, item: Self.kioskItem, by: .kiosk(device),
                                           form: ["note": String(repeating: "长", count: GenericItem.noteLength + 1)])
            guard case .refused(let form, let errors) = outcome else {
                Issue.record("an unchecked form was accepted")
                return
            }
            #expect(errors.message(for: "documents_checked")?.contains("请核验并确认") == true)
            #expect(errors.message(for: "note")?.contains("备注") == true)
            #expect(form["note"]?.count == GenericItem.noteLength + 1, "the form comes back as sent")
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("a review step by anyone but staff is refused as such, not as an acceptance outside a service point")
    func reviewStepsByStaffOnly() async throws {
        try await TestApp.run { app in
            let setup = try await setUp(app)
            let device = try await KioskDevice.registered(setup.kiosk, identified: try setup.citizen.requireID(), on: app.db)
            let id = try await accept(app, setup.citizen, item: Self.kioskItem, by: .kiosk(device))
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            let file = try #require(try await CaseEngine.file(record, catalogue: app.jiujinban.catalogue, on: app.db))
            let result = try await CaseEngine.act(.approve, on: record, file: file, by: .kiosk(device), in: CaseContext(app))
            guard case .failure(let refusal) = result else {
                Issue.record("a kiosk approved a case")
                return
            }
            #expect(refusal == .caseStepsByStaffOnly)
            #expect(Refusal.caseStepsByStaffOnly.message == "办件的审核、退回和补正只能由工作人员办理")
        }
    }
}
