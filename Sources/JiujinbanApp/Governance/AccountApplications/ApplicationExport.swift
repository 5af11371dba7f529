import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 定期报送备案: the applications a county (or a city, for its counties) sees, as a spreadsheet for the periodic
/// filing with the city. Masked, formula-neutralised, and the export itself is audited.
enum ApplicationExport {
    static let header = ["申请单编号", "申请单位", "类别", "联系人", "联系方式", "申请事项", "状态", "审核意见", "提交时间"]

    @Sendable static func export(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let state = (try? req.query.get(String.self, at: "state")).flatMap(AccountApplication.State.init(rawValue:))
        let records = try await ApplicationStore.list(for: staff, state: state, on: req.db)
        var table = CSVTable(header: header)
        let cipher = req.jiujinban.cipher
        for record in records {
            let phone = (try? cipher.open(record.contactPhoneSealed, context: ApplicationContent.phoneContext)) ?? ""
            table.append([
                record.number, record.applicantUnitName, record.flowValue?.label ?? record.flow, record.contactName,
                Masking.maskedPhone(phone), record.itemSummary, record.stateValue?.label ?? record.state,
                record.decisionComment ?? "", AuditLogPage.formatter.string(from: record.filedAt),
            ])
        }
        try await req.write { db in
            try await req.audit(AuditEvent("account_application.export", objectType: "division",
                                           objectID: staff.scopeRoot.value, detail: "\(records.count)张"), on: db)
        }
        return FileResponse.download(csv: table.text, filename: "account-applications-\(staff.scopeRoot.value).csv")
    }
}
