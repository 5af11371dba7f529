/// The screens a self-service kiosk (自助机) flow is made of. Each item offered at the kiosk declares its flow as a
/// list of these; the kiosk builds its screens from that list.
public enum KioskStep: String, Sendable, CaseIterable, Codable {
    /// Reading the ID card or the electronic social-security card, and comparing the face.
    case identify
    /// Choosing from ranked lists (postings, gigs) drawn for the person.
    case choose
    /// Filling in the item's form.
    case fillForm
    /// Reading back what will be submitted, and confirming it.
    case confirm
    /// Showing what a query found.
    case showResult
    /// Printing the receipt (受理回执) or the result.
    case print

    public var label: String {
        switch self {
        case .identify: "身份核验（读取身份证或扫描电子社保卡，人脸比对）"
        case .choose: "选择"
        case .fillForm: "填写信息"
        case .confirm: "核对并确认提交"
        case .showResult: "显示查询结果"
        case .print: "打印回执或结果"
        }
    }

    /// A flow the kiosk can run: it identifies the person first and ends by printing.
    public static func isWellFormed(_ steps: [KioskStep]) -> Bool {
        steps.first == .identify && steps.last == .print && Set(steps).count == steps.count
    }

    /// The flow of a registration or an application: identify, fill in, confirm, print the receipt.
    public static let application: [KioskStep] = [.identify, .fillForm, .confirm, .print]
    /// The flow of a query: identify, show what was found, print it.
    public static let query: [KioskStep] = [.identify, .showResult, .print]
    /// The flow of a search: identify, enter what to look for, show what was found, print it.
    public static let search: [KioskStep] = [.identify, .fillForm, .showResult, .print]
    /// The flow of a recommendation: identify, choose from the ranked list, confirm, print.
    public static let recommendation: [KioskStep] = [.identify, .choose, .confirm, .print]
}
