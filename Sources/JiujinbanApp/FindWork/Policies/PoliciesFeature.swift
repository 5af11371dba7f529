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
}
