import Foundation
import JiujinbanRules
import Vapor

/// Item 17's pages: the person's open intentions with the ranked institutions (its start page), and the printed list
/// a case kept. Both are reading personal data, so both are audited.
enum TrainingRecommendationsController {
    static func register(_ app: Application) {
        app.get(.trainingRecommendations(citizen: UUID()), .capability(.serveCitizens), use: recommend)
        app.get(.trainingRecommendationPrint(case: UUID()), .capability(.serveCitizens), use: printed)
    }

    @Sendable static func recommend(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let citizen = try await CitizenAccess.require(req.parameters.get("citizen"), req: req)
        let view = try await TrainingRecommendationQueries.view(citizen: citizen, staff: staff, today: req.jiujinban.clock.today, on: req.db)
        let detail = view.intentions.map { "\($0.wanted)：\($0.rows.count)家" }.joined(separator: "；")
        try await req.write { db in
            try await req.audit(AuditEvent("training.recommend_view", objectType: "citizen", objectID: try citizen.requireID().uuidString,
                                           detail: detail.isEmpty ? "无在办培训意向" : detail), on: db)
        }
        return HTMLResponse.make(TrainingRecommendationPages.page(view, context: PageContext(req)))
    }

    /// The case's own scope check first (`CasesController.load`): another point's case is not found.
    @Sendable static func printed(_ req: Request) async throws -> Response {
        let (record, _) = try await CasesController.load(req)
        guard let view = try await TrainingRecommendationQueries.printed(record, on: req.db) else { throw PublicError.notFound("该培训机构推荐清单") }
        try await req.write { db in
            try await req.audit(AuditEvent("training.recommendation_print", objectType: "case", objectID: record.number), on: db)
        }
        return HTMLResponse.make(TrainingRecommendationPages.printed(view, context: PageContext(req)))
    }
}
