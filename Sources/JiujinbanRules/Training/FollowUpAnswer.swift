/// 跟踪反馈 (item 18): what the point was told when it asked the training institution or the county's human-resources
/// department about a class for an open intention, as the operator records it. Every problem is named by field.
public struct FollowUpAnswer: Sendable, Equatable {
    /// Who answered.
    public enum Source: String, CaseIterable, Sendable {
        case institution, county

        public var label: String {
            switch self {
            case .institution: "培训机构"
            case .county: "县人社部门"
            }
        }
    }

    public static let maximumSaid = 200
    public static let maximumPlace = 100

    public let source: Source
    public let said: String
    /// The class's start, when the answer gave one.
    public let classStartsOn: CalendarDate?
    public let classPlace: String?

    public init(source: Source, said: String, classStartsOn: CalendarDate?, classPlace: String?) {
        (self.source, self.said, self.classStartsOn, self.classPlace) = (source, said, classStartsOn, classPlace)
    }

    /// From the form's strings; a class start before `today` is refused (the person is told of a class to come).
    public static func parse(source rawSource: String, said rawSaid: String, startsOn rawStarts: String, place rawPlace: String,
                             today: CalendarDate) -> Result<FollowUpAnswer, FieldErrors> {
        var errors = FieldErrors()
        let source = Source(rawValue: rawSource.trimmingCharacters(in: .whitespaces))
        if source == nil { errors.add("source", "反馈来源：请选择培训机构或县人社部门") }
        let said = TextField.clean(rawSaid)
        if said.isEmpty {
            errors.add("said", "反馈内容：请填写培训机构或县人社部门答复的内容")
        } else if said.count > maximumSaid {
            errors.add("said", "反馈内容不能超过\(maximumSaid)字（现为\(said.count)字）")
        } else if TextField.containsForbiddenCharacters(rawSaid) {
            errors.add("said", "反馈内容含有不可见的控制字符，请删除后重新填写")
        }
        var starts: CalendarDate?
        let startsText = rawStarts.trimmingCharacters(in: .whitespaces)
        if !startsText.isEmpty {
            if let day = CalendarDate(iso: startsText) {
                if day < today { errors.add("class_starts_on", "开班日期不能早于今天（\(today.iso)）") } else { starts = day }
            } else {
                errors.add("class_starts_on", "开班日期格式应为2026-12-01")
            }
        }
        let place = TextField.clean(rawPlace)
        if place.count > maximumPlace {
            errors.add("class_place", "开班地点不能超过\(maximumPlace)字（现为\(place.count)字）")
        } else if TextField.containsForbiddenCharacters(rawPlace) {
            errors.add("class_place", "开班地点含有不可见的控制字符，请删除后重新填写")
        }
        guard errors.isEmpty, let source else { return .failure(errors) }
        return .success(FollowUpAnswer(source: source, said: said, classStartsOn: starts, classPlace: place.isEmpty ? nil : place))
    }

    /// The text message to the person: what was said, and the class's day and place when known.
    public func message(occupation: String, level: SkillLevel, caseNumber: String) -> String {
        var text = "【就近办】您登记的“\(occupation)（\(level.chinese)）”培训意向，\(source.label)答复：\(said)"
        if let classStartsOn { text += "；开班日期\(classStartsOn.iso)" }
        if let classPlace { text += "；地点\(classPlace)" }
        return text + "。详情可到就近服务点咨询（办件号\(caseNumber)）。"
    }
}
