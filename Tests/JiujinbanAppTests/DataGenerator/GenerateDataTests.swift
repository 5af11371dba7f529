import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
@testable import JiujinbanTools
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("generate-data: synthetic citizens, operators and cases for benchmarks")
struct GenerateDataTests {
    func generate(_ app: Application, _ arguments: [String]) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
        context.application = app
        try await GenerateDataCommand().run(using: &context)
    }

    func count(_ table: String, on app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!
            .decode(column: "n", as: Int.self)
    }

    @Test("citizens, operators and cases land consistently; numbers unique; ID numbers sealed; audited once")
    func generates() async throws {
        try await TestApp.run { app in
            let citizensBefore = try await count("citizens", on: app)
            let accountsBefore = try await count("staff_accounts", on: app)
            try await generate(app, ["--citizens", "300", "--operators", "3", "--cases", "200", "--seed", "9"])
            #expect(try await count("citizens", on: app) == citizensBefore + 300)
            #expect(try await count("staff_accounts", on: app) == accountsBefore + 3)
            let cases = try await CaseRecord.query(on: app.db).all()
            #expect(cases.count == 200)
            #expect(Set(cases.map(\.number)).count == 200)
            #expect(cases.allSatisfy { CaseNumber($0.number) != nil && $0.number.hasPrefix("140830-") })
            // Every case's steps: acceptance, and a decision where one was taken.
            let steps = try await CaseStep.query(on: app.db).all()
            let byCase = Dictionary(grouping: steps, by: \.caseID)
            for record in cases {
                let actions = byCase[record.id!]?.map(\.action) ?? []
                #expect(actions.first == "accept")
                let state = try #require(record.stateValue)
                #expect(state.isFinal == (record.finishedAt != nil))
                if record.deadline == nil { #expect(state == .approved) }
            }
            // New operators can work at once: role associated, with item grants.
            let operators = try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue).all()
            #expect(operators.allSatisfy { $0.roleAssociatedAt != nil })
            #expect(try await auditCount("data.generate", on: app) == 1)
            // The statistics read the generated cases.
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.testing().test(.GET, "/cases/statistics?from=2026-01-01&to=2026-12-31", headers: admin.headers) { res in
                #expect(res.status == .ok)
            }
            // A second run with the same seed makes the same people: none is stored twice.
            try await generate(app, ["--citizens", "300", "--seed", "9"])
            #expect(try await count("citizens", on: app) == citizensBefore + 300)

            guard case .sqlite(let path) = app.jiujinban.configuration.database else { return }
            var population = SyntheticPopulation(seed: 9, residences: try await SyntheticData(
                app: app, seed: 9, progress: GeneratorProgress()).residences(), regionCode: "140830", formerRegionCode: "142723")
            let sample = (0..<5).map { _ in population.next() }
            _ = try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(FULL)").all()
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes.append(wal) }
            for person in sample {
                #expect(bytes.range(of: Data(person.idNumber.utf8)) == nil)
                let id = try ResidentIDNumber.parse(person.idNumber, today: app.jiujinban.clock.today).get()
                let found = try await CitizenRegistry.find(id, cipher: app.jiujinban.cipher, on: app.db)
                #expect(found?.name == person.name)
            }
        }
    }

    @Test("bad options and production are refused with a message")
    func refusals() async throws {
        #expect(throws: PublicError.self) { try GenerateDataCommand.checkEnvironment(isProduction: true, allowed: false) }
        #expect(throws: Never.self) { try GenerateDataCommand.checkEnvironment(isProduction: true, allowed: true) }
        #expect(throws: Never.self) { try GenerateDataCommand.checkEnvironment(isProduction: false, allowed: false) }
        try await TestApp.run { app in
            await #expect(throws: PublicError.self) { try await generate(app, []) }
            await #expect(throws: PublicError.self) { try await generate(app, ["--citizens", "9999999"]) }
        }
        try await TestApp.run(demo: false) { app in
            await #expect(throws: PublicError.self) { try await generate(app, ["--citizens", "10"]) }
        }
    }

    /// The generated cases as the statistics and workbenches see them, by number.
    func generatedCases(seed: Int) async throws -> [String] {
        var cases: [String] = []
        try await TestApp.run { app in
            try await generate(app, ["--citizens", "50", "--operators", "2", "--cases", "120", "--seed", String(seed)])
            cases = try await CaseRecord.query(on: app.db).all().map { record in
                [record.number, String(record.itemSeq), record.state, record.acceptedOn, record.deadline ?? "-",
                 record.divisionCode].joined(separator: " ")
            }.sorted()
        }
        return cases
    }

    @Test("the same seed on two fresh databases gives the same cases: numbers, items, states, days, deadlines, points")
    func sameSeedSameCases() async throws {
        let first = try await generatedCases(seed: 11)
        let second = try await generatedCases(seed: 11)
        #expect(first.count == 120)
        #expect(first == second)
        // The comparison can tell: another seed gives other cases.
        #expect(try await generatedCases(seed: 12) != first)
    }
}
