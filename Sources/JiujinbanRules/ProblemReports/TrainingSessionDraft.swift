import Foundation

/// 业务指导视频培训 as the task force schedules it: a day and time, a topic, the question types (business areas) it
/// answers, the counties it is for, and a link or a room. Field names: `date`, `time`, `topic`, `areas`, `counties`,
/// `venue`.
public struct TrainingSessionDraft: Sendable, Equatable {
    public var date: String?
    public var time: String?
    public var topic: String?
    public var areas: [String]
    public var counties: [String]
    public var venue: String?

    public init(date: String? = nil, time: String? = nil, topic: String? = nil, areas: [String] = [], counties: [String] = [],
                venue: String? = nil) {
        self.date = date
        self.time = time
        self.topic = topic
        self.areas = areas
        self.counties = counties
        self.venue = venue
    }

    public struct Facts: Sendable, Equatable {
        public let date: CalendarDate
        /// `HH:mm`, Shanghai time.
        public let time: String
        public let topic: String
        public let areas: [BusinessArea]
        public let counties: [DivisionCode]
        public let venue: String
    }

    /// - Parameters:
    ///   - today: a session cannot be scheduled in the past.
    ///   - counties: the counties the scheduler may address (its division's).
    public func validate(today: CalendarDate, counties allowed: Set<DivisionCode>) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let day = CalendarDate(iso: TextField.clean(date))
        if TextField.clean(date).isEmpty {
            errors.add("date", "请填写培训日期")
        } else if let day, day < today {
            errors.add("date", "培训日期不能早于今天（\(today)）")
        } else if day == nil {
            errors.add("date", "培训日期应为有效日期，如2026-12-08")
        }
        let time = TextField.clean(self.time)
        if !Self.isClockTime(time) { errors.add("time", "开始时间应为24小时制时刻，如09:30") }
        let topic = TextField.required(self.topic, field: "topic", label: "培训主题", maxLength: 100, into: &errors)
        let areas = Array(Set(self.areas.compactMap { BusinessArea(rawValue: TextField.clean($0)) }))
            .sorted { BusinessArea.allCases.firstIndex(of: $0)! < BusinessArea.allCases.firstIndex(of: $1)! }
        if areas.isEmpty || areas.count != Set(self.areas.map { TextField.clean($0) }).count {
            errors.add("areas", "请选择培训针对的问题类型（业务领域）")
        }
        let codes = self.counties.map { try? DivisionCode(TextField.clean($0)) }
        let counties = Array(Set(codes.compactMap { $0 })).sorted()
        if counties.isEmpty {
            errors.add("counties", "请选择参加培训的县（市、区）")
        } else if codes.contains(where: { $0 == nil }) || counties.contains(where: { !allowed.contains($0) }) {
            errors.add("counties", "参加培训的县只能从列出的县（市、区）中选择")
        }
        let venue = TextField.required(self.venue, field: "venue", label: "视频会议链接或会议室", maxLength: 200, into: &errors)
        if venue.lowercased().hasPrefix("javascript:") || venue.lowercased().hasPrefix("data:") {
            errors.add("venue", "视频会议链接只能是http或https地址")
        }
        guard errors.isEmpty, let day else { return .failure(errors) }
        return .success(Facts(date: day, time: time, topic: topic, areas: areas, counties: counties, venue: venue))
    }

    /// `HH:mm` with 00–23 and 00–59.
    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }

    /// The venue as a link when it is a web address, else nil (a room is shown as text).
    public static func link(_ venue: String) -> String? {
        let lower = venue.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), URL(string: venue)?.host != nil else { return nil }
        return venue
    }
}
