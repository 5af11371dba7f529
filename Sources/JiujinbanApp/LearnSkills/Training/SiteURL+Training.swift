import Foundation
import Vapor

/// The pages and endpoints of the training registry (我要学技能): each one's route pattern and its path.
extension SiteURL {
    static let trainingInstitutions = SiteURL(["training", "institutions"], "/training/institutions")
    static let newTrainingInstitution = SiteURL(["training", "institutions", "new"], "/training/institutions/new")
    static func trainingInstitution(id: UUID) -> SiteURL {
        SiteURL(["training", "institutions", ":id"], "/training/institutions/\(id.uuidString.lowercased())")
    }
    static func editTrainingInstitution(id: UUID) -> SiteURL {
        SiteURL(["training", "institutions", ":id", "edit"], "/training/institutions/\(id.uuidString.lowercased())/edit")
    }
    static func classPlans(institution: UUID) -> SiteURL {
        SiteURL(["training", "institutions", ":id", "plans"], "/training/institutions/\(institution.uuidString.lowercased())/plans")
    }
    static func newClassPlan(institution: UUID) -> SiteURL {
        SiteURL(["training", "institutions", ":id", "plans", "new"], "/training/institutions/\(institution.uuidString.lowercased())/plans/new")
    }
    static func classPlan(id: UUID) -> SiteURL {
        SiteURL(["training", "plans", ":id"], "/training/plans/\(id.uuidString.lowercased())")
    }
    static func editClassPlan(id: UUID) -> SiteURL {
        SiteURL(["training", "plans", ":id", "edit"], "/training/plans/\(id.uuidString.lowercased())/edit")
    }
    static let monitoringList = SiteURL(["training", "monitoring-list"], "/training/monitoring-list")
    static let hardshipRecognitions = SiteURL(["training", "hardship"], "/training/hardship")
    static func endHardshipRecognition(id: UUID) -> SiteURL {
        SiteURL(["training", "hardship", ":id", "end"], "/training/hardship/\(id.uuidString.lowercased())/end")
    }
}
