import Foundation

/// 问题反映 as a staff member files it: validated into `ProblemReportFacts`, or field problems in Chinese.
///
/// Field names: `category`, `area`, `description`, `suggestion`, `screenshots`.
public struct ProblemReportDraft: Sendable, Equatable {
    /// An uploaded file as received: its name (for messages only) and its bytes.
    public struct Upload: Sendable, Equatable {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public var category: String?
    public var area: String?
    public var description: String?
    public var suggestion: String?
    public var screenshots: [Upload]

    public static let maximumDescriptionLength = 2_000
    public static let maximumSuggestionLength = 1_000

    public init(category: String? = nil, area: String? = nil, description: String? = nil, suggestion: String? = nil,
                screenshots: [Upload] = []) {
        self.category = category
        self.area = area
        self.description = description
        self.suggestion = suggestion
        self.screenshots = screenshots
    }

    public func validate() -> Result<ProblemReportFacts, FieldErrors> {
        var errors = FieldErrors()
        let category = ProblemCategory(rawValue: TextField.clean(self.category))
        if category == nil { errors.add("category", "请选择问题分类（系统问题、功能性问题或业务指导性问题）") }
        let area = BusinessArea(rawValue: TextField.clean(self.area))
        if area == nil { errors.add("area", "请选择业务领域") }
        let description = Self.multiline(self.description, field: "description", label: "问题描述",
                                         maxLength: Self.maximumDescriptionLength, required: true, into: &errors)
        let suggestion = Self.multiline(self.suggestion, field: "suggestion", label: "解决的意见或建议",
                                        maxLength: Self.maximumSuggestionLength, required: false, into: &errors)
        let images = Screenshot.check(screenshots, maximumCount: Screenshot.maximumCount, field: "screenshots", noun: "截图",
                                      into: &errors)
        guard errors.isEmpty, let category, let area else { return .failure(errors) }
        return .success(ProblemReportFacts(category: category, area: area, description: description,
                                           suggestion: suggestion.isEmpty ? nil : suggestion, screenshots: images))
    }

    /// A multi-line text: the browser's CR LF become LF; control and invisible characters are refused.
    static func multiline(
        _ raw: String?, field: String, label: String, maxLength: Int, required: Bool, into errors: inout FieldErrors
    ) -> String {
        let normalised = (raw ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let value = TextField.clean(normalised)
        if value.isEmpty {
            if required { errors.add(field, "请填写\(label)") }
        } else if value.count > maxLength {
            errors.add(field, "\(label)不能超过\(maxLength)个字（现为\(value.count)个）")
        } else if TextField.containsForbiddenCharacters(normalised) {
            errors.add(field, "\(label)含有不可见的控制字符，请重新输入")
        }
        return value
    }
}

/// A validated report, ready to be routed and stored.
public struct ProblemReportFacts: Sendable, Equatable {
    public struct Image: Sendable, Equatable {
        public let kind: Screenshot.Kind
        public let bytes: [UInt8]
    }

    public let category: ProblemCategory
    public let area: BusinessArea
    public let description: String
    public let suggestion: String?
    public let screenshots: [Image]
}
