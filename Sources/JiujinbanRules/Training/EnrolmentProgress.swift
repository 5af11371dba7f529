/// 参加培训 (item 19): a person's place in one class, from the notice to completion, as the point that notified them
/// records it. 已通知 → 已报名 or 未到; 已报名 → 已参训 or 未到; 已参训 → 已结业 or 中途退出. 已结业 closes the training
/// intention; 未到 and 中途退出 put it back among the open ones (the person still wants the training).
public enum EnrolmentProgress {
    /// The stored statuses (`training_enrolments.status`).
    public enum Status: String, CaseIterable, Sendable {
        case notified, enrolled, attended, completed, absent, dropped

        public var label: String {
            switch self {
            case .notified: "已通知"
            case .enrolled: "已报名"
            case .attended: "已参训"
            case .completed: "已结业"
            case .absent: "未到"
            case .dropped: "中途退出"
            }
        }

        /// What the point may record next.
        public var next: [Status] {
            switch self {
            case .notified: [.enrolled, .absent]
            case .enrolled: [.attended, .absent]
            case .attended: [.completed, .dropped]
            case .completed, .absent, .dropped: []
            }
        }

        public var isFinal: Bool { next.isEmpty }
    }

    /// What a step does to the class and the intention.
    public struct Effect: Sendable, Equatable {
        /// +1 takes a place (refused when the class is full), −1 gives it back, 0 leaves the count.
        public let placeChange: Int
        /// The intention's new status (`training_intentions.status`), nil to leave it.
        public let intentionStatus: String?
        /// The intention closes (已结业).
        public let closesIntention: Bool

        public init(placeChange: Int, intentionStatus: String?, closesIntention: Bool) {
            (self.placeChange, self.intentionStatus, self.closesIntention) = (placeChange, intentionStatus, closesIntention)
        }
    }

    /// The step from `current` to `target` for an intention now `intention` (`training_intentions.status`), or why
    /// not. A person holds one place at a time: 已报名 needs the intention open (not 已报名 in another class, not
    /// ended); an ended intention (已结业, 已撤销) takes no step at all; 未到 after a notice alone leaves the intention
    /// as it is (the person may hold a place in another class), and only giving up the place held reopens it.
    public static func step(from current: Status, to target: Status, intention: String) -> Result<Effect, FieldErrors> {
        var errors = FieldErrors()
        if intention == "completed" || intention == "withdrawn" {
            errors.add("status", "该群众的这条培训意向已\(intention == "completed" ? "培训结业" : "撤销")，不能再登记报名、参训情况")
            return .failure(errors)
        }
        guard current.next.contains(target) else {
            errors.add("status", current.isFinal ? "该群众本期培训已“\(current.label)”，不能再变更"
                                                 : "当前为“\(current.label)”，不能直接登记为“\(target.label)”")
            return .failure(errors)
        }
        if target == .enrolled, intention != "open" {
            errors.add("status", "该群众已报名同一培训意向的其他开班计划：须先在那个班登记“未到”或“中途退出”，才能报名本班")
            return .failure(errors)
        }
        let effect: Effect = switch target {
        case .enrolled: Effect(placeChange: 1, intentionStatus: "enrolled", closesIntention: false)
        case .attended: Effect(placeChange: 0, intentionStatus: nil, closesIntention: false)
        case .completed: Effect(placeChange: 0, intentionStatus: "completed", closesIntention: true)
        // A person who never came gives the place back; one who left during the class had it. Only the place held
        // reopens the intention: 未到 after a notice alone leaves it as it is.
        case .absent: Effect(placeChange: current == .enrolled ? -1 : 0, intentionStatus: current == .enrolled ? "open" : nil,
                             closesIntention: false)
        case .dropped: Effect(placeChange: 0, intentionStatus: "open", closesIntention: false)
        case .notified: Effect(placeChange: 0, intentionStatus: nil, closesIntention: false)
        }
        return .success(effect)
    }

    /// The refusal of an enrolment over the class's capacity.
    public static func full(capacity: Int) -> FieldErrors {
        var errors = FieldErrors()
        errors.add("status", "该开班计划已招满（计划\(capacity)人），不能再报名")
        return errors
    }
}
