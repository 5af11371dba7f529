import ConsoleKit
import Crypto
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverables 2 and 3: `jiujinban insurance import` on both databases.
@Suite("insurance import: exchange files into the ledger, all or nothing, idempotent, audited")
struct InsuranceImportTests {
    static let person = "format_version,id_number,name,hukou_division,scheme"
    /// Two people no counter registered: 张三 (male, 1990) and 李四 (female, 1949).
    static let contributions = person + ",year,type,grade,personal,subsidy,collective,arrived,arrived_on\n"
        + "1,140830199001011232,张三,140830100204,resident_basic,2023,正常,500,500,60,0,是,2023-06-30\n"
        + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,20,是,2024-06-30\n"
        + "1,140830199001011232,张三,140830100204,resident_basic,2015,补缴,300,300,0,,否,\n"
        + "1,11010519491231002X,李四,140830100000,resident_basic,2024,正常,200,200,35,0,是,2024-07-01\n"

    /// The county's business admin of the demonstration data (吴海燕).
    static func admin(_ app: Application) async throws -> AccountRecord {
        try #require(try await AccountRecord.query(on: app.db).filter(\.$post == Post.businessAdmin.rawValue)
            .filter(\.$unitDivisionCode == "140830000000").first())
    }

    /// Runs the command as the command line would, on a file (`.csv` text, or rows for an .xlsx); the summary line.
    @discardableResult
    static func importFile(_ app: Application, kind: ExchangeKind, csv: String? = nil, xlsx: [[String]]? = nil,
                           operatorID: UUID? = nil) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file: URL
        if let xlsx {
            file = directory.appendingPathComponent("\(kind.rawValue).xlsx")
            try XLSXFixture.write(xlsx, to: file)
        } else {
            file = directory.appendingPathComponent("\(kind.rawValue).csv")
            try Data((csv ?? "").utf8).write(to: file)
        }
        let account: UUID
        if let operatorID { account = operatorID } else { account = try await admin(app).requireID() }
        let lines = LockedLines()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
            "jiujinban", "import", "--kind", kind.rawValue, "--file", file.path, "--operator", account.uuidString,
        ]))
        context.application = app
        try await InsuranceCommand(output: { lines.append($0) }, progress: .silent).run(using: &context)
        return lines.all.joined(separator: "\n")
    }

    static func count(_ table: String, _ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    static func citizen(_ idNumber: String, _ app: Application) async throws -> CitizenRecord? {
        let id = try ResidentIDNumber.parse(idNumber, today: app.jiujinban.clock.today).get()
        return try await CitizenRegistry.find(id, cipher: app.jiujinban.cipher, on: app.db)
    }

    @Test("contributions from CSV: unregistered people created, sealed and marked; counts; one audit row with the file's SHA-256")
    func contributionsFromCSV() async throws {
        try await TestApp.run { app in
            let citizensBefore = try await Self.count("citizens", app)
            let summary = try await Self.importFile(app, kind: .contributions, csv: Self.contributions)
            #expect(summary == "已导入：读取 4 行，新增 4 行，更新 0 行，未变 0 行，新建人员 2 人")
            #expect(try await Self.count("citizens", app) == citizensBefore + 2)
            let zhang = try #require(try await Self.citizen("140830199001011232", app))
            #expect(zhang.name == "张三" && zhang.sex == Sex.male.rawValue && zhang.birthDate == "1990-01-01")
            #expect(zhang.hukouDivisionCode == "140830100204" && zhang.residenceDivisionCode == "140830100204")
            #expect(!zhang.idNumberSealed.contains("140830199001011232"))
            #expect(try app.jiujinban.cipher.open(zhang.idNumberSealed, context: CitizenCrypto.idNumberContext) == "140830199001011232")
            let marker = try #require(try await (app.db as! any SQLDatabase).raw(
                "SELECT imported_file, imported_at FROM citizens WHERE id = \(bind: zhang.requireID())").first())
            #expect(try marker.decode(column: "imported_file", as: String?.self) == "contributions.csv")
            #expect(try marker.decode(column: "imported_at", as: Date?.self) == TestApp.fixedNow)
            let audited = try await auditedObjects("insurance.import", on: app)
            let digest = SHA256Digest.hex(Data(Self.contributions.utf8))
            #expect(audited == [AuditedObject(digest, "导入缴费记录文件“contributions.csv”：读取4行，新增4，更新0，未变0，新建人员2")])
        }
    }

    @Test("importing the same file twice changes nothing; a changed row is updated, a new status goes into the history")
    func idempotent() async throws {
        try await TestApp.run { app in
            try await Self.importFile(app, kind: .contributions, csv: Self.contributions)
            let sql = app.db as! any SQLDatabase
            let snapshot = { () async throws -> [[String]] in
                try await sql.raw("SELECT year, kind, personal_fen, subsidy_fen, collective_fen, arrived, arrived_on, updated_at_ms FROM insurance_contributions ORDER BY year, kind").all().map { row -> [String] in
                    let numbers: [String] = try ["year", "personal_fen", "subsidy_fen", "collective_fen", "arrived", "updated_at_ms"].map {
                        String(try row.decode(column: $0, as: Int64.self))
                    }
                    let texts: [String] = [try row.decode(column: "kind", as: String.self), try row.decode(column: "arrived_on", as: String?.self) ?? ""]
                    return numbers + texts
                }
            }
            let before = try await snapshot()
            let citizens = try await Self.count("citizens", app)
            let again = try await Self.importFile(app, kind: .contributions, csv: Self.contributions)
            #expect(again == "已导入：读取 4 行，新增 0 行，更新 0 行，未变 4 行，新建人员 0 人")
            #expect(try await snapshot() == before)
            #expect(try await Self.count("citizens", app) == citizens)
            // The 2015 back payment has arrived since.
            let arrived = Self.contributions.replacingOccurrences(of: "2015,补缴,300,300,0,,否,", with: "2015,补缴,300,300,0,,是,2025-01-10")
            #expect(try await Self.importFile(app, kind: .contributions, csv: arrived)
                    == "已导入：读取 4 行，新增 0 行，更新 1 行，未变 3 行，新建人员 0 人")

            let enrolment = Self.person + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
                + "1,140830199001011232,张三,140830100204,resident_basic,140830000000,新农保,500,2012-03-01,参保缴费,2012-03-01,\n"
            try await Self.importFile(app, kind: .enrolments, csv: enrolment)
            try await Self.importFile(app, kind: .enrolments, csv: enrolment)
            #expect(try await Self.count("insurance_enrolment_statuses", app) == 1)
            let suspended = enrolment.replacingOccurrences(of: "参保缴费,2012-03-01,", with: "暂停缴费,2025-02-01,参加其他养老保险")
            #expect(try await Self.importFile(app, kind: .enrolments, csv: suspended)
                    == "已导入：读取 1 行，新增 0 行，更新 1 行，未变 0 行，新建人员 0 人")
            let zhang = try #require(try await Self.citizen("140830199001011232", app))
            let ledger = try await InsuranceLedger.view(of: zhang.requireID(), cipher: app.jiujinban.cipher, on: app.db)
            #expect(ledger.enrolments.first?.status == .suspended)
            #expect(ledger.enrolments.first?.history.map(\.status) == ["参保缴费", "暂停缴费"])
            #expect(ledger.contributions.first { $0.year == 2015 }?.arrivedOn?.iso == "2025-01-10")
        }
    }

    @Test("a file with one bad row writes nothing, lists the row's line and column, and the refusal is audited")
    func oneBadRowWritesNothing() async throws {
        try await TestApp.run { app in
            let citizens = try await Self.count("citizens", app)
            let bad = Self.contributions + "1,140830199001011233,王五,140830100204,resident_basic,2024,正常,500,-500,60,0,是,2024-06-30\n"
                + "1,140830199001011232,张三,140830100204,resident_basic,2024,正常,500,500,60,20,是,2024-06-30\n"
            var reason = ""
            do {
                try await Self.importFile(app, kind: .contributions, csv: bad)
                Issue.record("the file was imported")
            } catch let error as PublicError {
                reason = error.reason
            }
            #expect(reason.hasPrefix("contributions.csv：共3处错误，未导入任何数据"))
            #expect(reason.contains("第6行 id_number：\(ResidentIDNumberError.checksumMismatch.message)"))
            #expect(reason.contains("第6行 personal：个人缴费不能为负数（“-500”）"))
            #expect(reason.contains("第7行 id_number：与第3行是同一条记录（同一人、险种、年度和缴费类型）"))
            #expect(try await Self.count("insurance_contributions", app) == 0)
            #expect(try await Self.count("citizens", app) == citizens)
            #expect(try await auditedObjects("insurance.import", on: app).map(\.detail)
                    == ["拒绝导入缴费记录文件“contributions.csv”：3处错误，首处：第6行 id_number：\(ResidentIDNumberError.checksumMismatch.message)"])
            // A file wrong on every line: the first 500 problems listed, the rest counted.
            let everyLine = Self.contributions + (1...602).map { _ in
                "1,140830199001011233,张三,140830100204,resident_basic,2024,正常,500,500,60,0,是,2024-06-30\n"
            }.joined()
            let many = try await #require(throws: PublicError.self) { try await Self.importFile(app, kind: .contributions, csv: everyLine) }
            #expect(many.reason.contains("共602处错误") && many.reason.hasSuffix("……另有102处错误未列出，请先改正以上错误后再导入"))
            #expect(many.reason.components(separatedBy: "\n").count == 1 + 500 + 1)
            let unknownColumn = try await #require(throws: PublicError.self) {
                try await Self.importFile(app, kind: .payments, csv: Self.person + ",county,month,amount,bank,account,result,memo\n")
            }
            #expect(unknownColumn.reason.contains("第1行 memo：未知列“memo”：发放结果文件（格式版本1）没有此列"))
        }
    }

    /// A business admin of another county (平陆县, added for the test): their division holds none of Ruicheng's rows.
    static func pingluAdmin(_ app: Application) async throws -> UUID {
        _ = try await addPingluCounty(app)
        return try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                         idNumber: "140829198001010010", phone: "13903590100").accountID
    }

    @Test("only an active business admin may import (a clerk refused is audited), and nothing is written")
    func operatorRefused() async throws {
        try await TestApp.run { app in
            let citizens = try await Self.count("citizens", app)
            let clerk = try #require(try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue).first())
            let refused = try await #require(throws: PublicError.self) {
                try await Self.importFile(app, kind: .contributions, csv: Self.contributions, operatorID: clerk.requireID())
            }
            #expect(refused.reason == "--operator：只有业务管理员可以导入参保台账文件")
            #expect(try await auditedObjects("insurance.import", on: app).map(\.detail) == ["拒绝导入参保台账文件：只有业务管理员可以导入参保台账文件"])
            #expect(try await auditCount("insurance.import", result: AuditResult.denied.rawValue, on: app) == 1)
            #expect(try await Self.count("insurance_contributions", app) == 0)
            #expect(try await Self.count("citizens", app) == citizens)
        }
    }

    @Test("another county's business admin may not import Ruicheng's rows: every line named, nothing written")
    func otherCountyRefused() async throws {
        try await TestApp.run { app in
            let citizens = try await Self.count("citizens", app)
            let pinglu = try await Self.pingluAdmin(app)
            let refused = try await #require(throws: PublicError.self) {
                try await Self.importFile(app, kind: .contributions, csv: Self.contributions, operatorID: pinglu)
            }
            for line in 2...4 {
                #expect(refused.reason.contains("第\(line)行 hukou_division：区划“140830100204”不在操作人员的辖区内，不能导入"))
            }
            #expect(refused.reason.contains("第5行 hukou_division：区划“140830100000”不在操作人员的辖区内，不能导入"))
            #expect(try await Self.count("insurance_contributions", app) == 0)
            #expect(try await Self.count("citizens", app) == citizens)
            #expect(try await auditCount("insurance.import", result: AuditResult.failed.rawValue, on: app) == 1)
            #expect(try await auditCount("insurance.import", result: AuditResult.success.rawValue, on: app) == 0)
        }
    }

    @Test("every kind from an .xlsx made here, then the person's whole ledger in one view")
    func allKindsFromXLSXAndTheLedgerView() async throws {
        try await TestApp.run { app in
            let head = Self.person.split(separator: ",").map(String.init)
            let wang = ["1", "142723196508150011", "王五", "140830100204", "resident_basic"]
            try await Self.importFile(app, kind: .enrolments, xlsx: [
                head + ["county", "start_kind", "grade", "enrolled_on", "status", "status_date"],
                wang + ["140830000000", "新农保", "500", "2010-01-15", "参保缴费", "2010-01-15"],
            ])
            let contributions = try await Self.importFile(app, kind: .contributions, xlsx: [
                head + ["year", "type", "grade", "personal", "subsidy", "arrived", "arrived_on"],
                wang + ["2011", "正常", "500", "500", "60", "是", "2011-05-01"],
                wang + ["2012", "正常", "500", "500.5", "60", "是", "2012-05-01"],
            ])
            #expect(contributions == "已导入：读取 2 行，新增 2 行，更新 0 行，未变 0 行，新建人员 0 人")
            try await Self.importFile(app, kind: .entitlements, xlsx: [
                head + ["county", "start_month", "monthly", "basic_central", "basic_provincial", "basic_county", "account_part", "figure_ids",
                        "status", "status_date"],
                wang + ["140830000000", "2025-09", "213.6", "143", "20", "10", "40.6", "F-12;F-40", "正常", "2025-09-01"],
            ])
            try await Self.importFile(app, kind: .payments, xlsx: [
                head + ["county", "month", "amount", "bank", "account", "result", "failure_reason"],
                wang + ["140830000000", "2025-09", "213.6", "芮城农商银行", "6228480012345678", "成功", ""],
                wang + ["140830000000", "2025-10", "213.6", "芮城农商银行", "6228480012345678", "失败", "账户已冻结"],
            ])
            let person = try #require(try await Self.citizen("142723196508150011", app))
            let sql = app.db as! any SQLDatabase
            let sealed = try #require(try await sql.raw("SELECT account_sealed FROM insurance_payments").first()?
                .decode(column: "account_sealed", as: String.self))
            #expect(!sealed.contains("6228480012345678"))
            let ledger = try await InsuranceLedger.view(of: person.requireID(), cipher: app.jiujinban.cipher, on: app.db)
            #expect(ledger.enrolments.map(\.startKind) == [.newRural] && ledger.enrolments.first?.grade == 500)
            #expect(ledger.contributions.map(\.year) == [2011, 2012] && ledger.contributions.map(\.personalFen) == [50_000, 50_050])
            let entitlement = try #require(ledger.entitlements.first)
            #expect(entitlement.monthlyFen == 21_360 && entitlement.basicCentralFen == 14_300 && entitlement.accountFen == 4_060)
            #expect(entitlement.figureIDs == ["F-12", "F-40"] && entitlement.history.map(\.status) == ["正常"])
            #expect(ledger.payments.map(\.month) == ["2025-10", "2025-09"])
            #expect(ledger.payments.map(\.maskedAccount) == ["6228********5678", "6228********5678"])
            #expect(ledger.payments.first?.failureReason == "账户已冻结" && ledger.payments.first?.result == .failed)
            #expect(try await auditedObjects("insurance.import", on: app).count == 4)
        }
    }
}

/// Lines written by a command, collected across its tasks.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

enum SHA256Digest {
    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
