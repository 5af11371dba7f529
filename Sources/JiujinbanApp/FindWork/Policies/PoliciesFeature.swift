import Fluent
import Vapor

/// Policies: its routes, migrations and navigation, registered once (`Feature`).
enum PoliciesFeature: Feature {
    static func routes(_ app: Application) {
        PoliciesController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0018CreateEmploymentPolicies(),
            M0026AddPolicyMaintenance(),
        ]
    }

    static let notices = [PolicyNotices.created, PolicyNotices.updated, PolicyNotices.withdrawn]
}

/// What a policy's page says after it was saved or withdrawn (`PageNotice`).
enum PolicyNotices {
    static let created = PageNotice("policy-created", "已发布政策。")
    static let updated = PageNotice("policy-updated", "已保存政策。")
    static let withdrawn = PageNotice("policy-withdrawn", "已撤回政策，撤回原因已记录。")
}
