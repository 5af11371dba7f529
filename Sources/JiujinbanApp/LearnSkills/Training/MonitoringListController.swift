import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 防止返贫监测对象名单: the county business admin imports the rural-revitalisation department's list
/// (`docs/training-monitoring-list.md`). A file with any bad row is refused whole with its lines and writes nothing;
/// a good one replaces the county's list in one transaction. People are kept by the keyed index of their ID number
/// (as `citizens.id_number_index`), so item 16 finds them whether or not they have come to a point, and by the
/// masked name only.
enum MonitoringListController {
    /// A county's list runs to a few thousand lines of about 40 bytes.
    static let uploadLimit: ByteCount = "4mb"

    static func register(_ app: Application) {
        app.get(.monitoringList, .capability(.manageTraining), use: show)
        app.post(.monitoringList, .capability(.manageTraining), bodyLimit: uploadLimit, use: importList)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let county = try TrainingRegistryQueries.county(of: try req.requireStaff())
        return HTMLResponse.make(MonitoringListPage.render(try await state(county, on: req.db), batch: "", errors: FieldErrors(), problems: [],
                                                           context: PageContext(req)))
    }

    /// What the county's list holds now.
    static func state(_ county: DivisionCode, on db: any Database) async throws -> MonitoringListPage.State {
        let entries = PovertyMonitoringEntry.query(on: db).filter(\.$countyCode == county.value)
        guard let latest = try await entries.sort(\.$importedAt, .descending).first() else { return MonitoringListPage.State(count: 0, last: nil) }
        let count = try await PovertyMonitoringEntry.query(on: db).filter(\.$countyCode == county.value).count()
        var name = "（账号已停用）"
        if let account = try await AccountRecord.find(latest.importedBy, on: db), let person = try await StaffPerson.find(account.personID, on: db) {
            name = person.name
        }
        return MonitoringListPage.State(count: count, last: .init(batch: latest.batch, importedBy: name,
                                                                  importedAt: WallClockTime(latest.importedAt).description))
    }

    struct Form: Content {
        var batch: String?
        var file: File?
    }

    @Sendable static func importList(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try TrainingRegistryQueries.county(of: staff)
        let form = try req.content.decode(Form.self)
        var errors = FieldErrors()
        var problems: [String] = []
        var batch = ""
        switch PovertyMonitoringList.batch(form.batch) {
        case .success(let value): batch = value
        case .failure(let found): errors = found
        }
        var entries: [PovertyMonitoringList.Entry] = []
        if let file = form.file, file.data.readableBytes > 0 {
            if let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) {
                switch PovertyMonitoringList.parse(text, today: req.jiujinban.clock.today) {
                case .success(let parsed): entries = parsed
                case .failure(let refusal):
                    errors.add("file", "名单文件有\(refusal.problems.count)处问题，整个文件未导入，请修改后重新选择")
                    problems = refusal.problems
                }
            } else {
                errors.add("file", "名单文件不是UTF-8编码的CSV文本（请在表格软件中另存为“CSV UTF-8”）")
            }
        } else {
            errors.add("file", "请选择要导入的名单文件（CSV）")
        }
        guard errors.isEmpty else {
            return HTMLResponse.make(MonitoringListPage.render(try await state(county, on: req.db), batch: form.batch ?? "", errors: errors,
                                                               problems: problems, context: PageContext(req)), status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now(), cipher = req.jiujinban.cipher, batchName = batch
        let records = entries.map { entry in
            let record = PovertyMonitoringEntry()
            record.id = UUID()
            record.countyCode = county.value
            record.idNumberIndex = CitizenRegistry.index(of: entry.idNumber, cipher: cipher)
            record.maskedName = entry.maskedName
            record.batch = batchName
            record.includedOn = entry.includedOn?.iso
            record.importedAt = now
            record.importedBy = staff.account.id
            return record
        }
        try await req.write { db in
            let before = try await PovertyMonitoringEntry.query(on: db).filter(\.$countyCode == county.value).count()
            try await PovertyMonitoringEntry.query(on: db).filter(\.$countyCode == county.value).delete()
            // A few hundred rows a statement keeps within SQLite's limit on bound values.
            for start in stride(from: 0, to: records.count, by: 500) {
                try await Array(records[start..<min(start + 500, records.count)]).create(on: db)
            }
            try await req.audit(AuditEvent("poverty_monitoring.import", objectType: "division", objectID: county.value,
                                           detail: "批次\(batchName)：导入\(records.count)人，替换原名单\(before)人"), on: db)
        }
        return HTMLResponse.seeOther(.monitoringList, notice: TrainingNotices.monitoringListImported, on: req)
    }
}
