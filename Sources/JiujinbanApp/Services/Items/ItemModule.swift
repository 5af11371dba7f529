import Fluent
import Foundation
import JiujinbanRules

/// An item as it registers itself: what the service guide, the kiosk and the engine know of it before it is made for
/// an actor's county. Each item's folder declares one (`static let module`), and `ItemRegistry` lists them.
struct ItemModule: Sendable {
    typealias Factory = @Sendable (_ item: ServiceCatalogue.Item, _ county: DivisionCode, _ db: any Database) async throws
        -> any ServiceItem

    /// The item's number in the catalogue (附件1).
    let seq: Int
    /// What the item checks at acceptance, in the words of its service guide (服务指南), beside the shared checks.
    let conditions: [String]
    /// The buttons its service guide shows (查询招聘岗位 …).
    let links: [ItemLink]
    /// The screens of its kiosk flow; empty for an item the catalogue offers at the counter only.
    let kioskSteps: [KioskStep]
    /// Why the platform itself may open a case of the item (a follow-up, an automatic release); none for most.
    let platformPurposes: Set<PlatformPurpose>
    /// The migrations of the item's own records (each with its name pinned, `M00NN…`), in its folder; the platform
    /// runs them with every feature's (`ServiceItemsFeature`).
    let migrations: @Sendable () -> [any Migration]
    /// Makes the item for a county (its lists of gig skills and places are the county's own).
    let make: Factory
    /// Whether the item still takes the generic form (`GenericItem.declared`): its group declares what it knows of
    /// the item (kiosk steps, what the platform may open) before the item's own issue gives it a form.
    let takesGenericForm: Bool
    /// The item's work is done at its point and nobody reviews it (`CaseFile.finishedAtPoint`): the point finishes
    /// the case within the time limit.
    let finishedAtPoint: Bool
    /// The page where the case's point does the item's work on a case (培训意向跟踪反馈: record what was said, print
    /// the note), linked from the case page; nil for most.
    let work: (@Sendable (_ caseID: UUID) -> ItemLink)?

    init(seq: Int, conditions: [String] = [], links: [ItemLink] = [], kioskSteps: [KioskStep] = [],
         platformPurposes: Set<PlatformPurpose> = [], migrations: @escaping @Sendable () -> [any Migration] = { [] },
         takesGenericForm: Bool = false, finishedAtPoint: Bool = false, work: (@Sendable (_ caseID: UUID) -> ItemLink)? = nil,
         make: @escaping Factory) {
        self.seq = seq
        self.finishedAtPoint = finishedAtPoint
        self.work = work
        self.takesGenericForm = takesGenericForm
        self.conditions = conditions
        self.links = links
        self.kioskSteps = kioskSteps
        self.platformPurposes = platformPurposes
        self.migrations = migrations
        self.make = make
    }
}

/// A button of a service guide.
struct ItemLink: Sendable {
    let label: String
    let url: SiteURL
    /// The item's main action (a search page), drawn as the primary button.
    let primary: Bool
}

/// What several items' service guides say in the same words.
enum ItemConditions {
    static let workingAge = "须年满16周岁且未达到法定退休年龄（按身份证号码中的出生日期和性别计算）"
    static let phone = "群众须已登记手机号码（推荐结果以短信推送）"
    static let ranked = "只推荐有效期内、未招满的岗位，按职业、距离、薪资、年龄学历等条件排序并列明理由"
}
