import Foundation
import JiujinbanRules
import Vapor

/// Serves an evidence file to those who see the point: the township that entered it, and the county, city and
/// province departments above it. Every view is audited.
enum ReportEvidenceController {
    static func register(_ app: Application) {
        app.get(.monthlyReportEvidence(id: UUID()), .anyOf([.viewMonthlyReport, .enterMonthlyReport]), use: show)
    }

    static func mayRead(_ staff: SignedInStaff, _ division: DivisionCode) -> Bool {
        if staff.may(.viewMonthlyReport), case .subtree(let own) = staff.scope, own.contains(division) { return true }
        if staff.may(.enterMonthlyReport), case .servicePoint(_, .townshipCentre, let township) = staff.account.unit, township.contains(division) {
            return true
        }
        return false
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await ReportEvidenceRecord.find(id, on: req.db),
              let division = try? DivisionCode(record.divisionCode) else {
            throw PublicError.notFound("该凭证")
        }
        guard mayRead(staff, division) else { throw OutOfScope("该凭证", objectType: "report_evidence", id: id) }
        let month = record.month, name = record.fileName
        try await req.write { db in
            try await req.audit(AuditEvent("monthly_report.evidence_view", objectType: "report_evidence", objectID: id.uuidString,
                                           detail: "\(month) \(name)"), on: db)
        }
        return record.mediaType.hasPrefix("image/")
            ? FileResponse.image(record.bytes, mediaType: record.mediaType)
            : FileResponse.download(document: record.bytes, type: record.mediaType, filename: name)
    }
}
