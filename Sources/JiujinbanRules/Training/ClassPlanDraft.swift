/// 开班计划 as a county business admin types it for one of the county's training institutions: the occupation and
/// level (which the institution must be approved to teach), the dates, the place, the capacity and how many are
/// enrolled. Every problem is named by its field.
public struct ClassPlanDraft: Sendable, Equatable {
    public let occupationCode: String
    public let level: SkillLevel
    public let starts: CalendarDate
    public let ends: CalendarDate
    public let place: String
    public let capacity: Int
    public let enrolled: Int

    public static let placeMaxLength = 100
    public static let capacityMax = 1_000

    /// One occupation and level an institution is approved to teach.
    public struct Approval: Sendable, Hashable {
        public let occupationCode: String
        public let level: SkillLevel

        public init(occupationCode: String, level: SkillLevel) {
            self.occupationCode = occupationCode
            self.level = level
        }
    }

    public static func parse(occupation rawOccupation: String, level rawLevel: String, starts rawStarts: String, ends rawEnds: String,
                             place rawPlace: String, capacity rawCapacity: String, enrolled rawEnrolled: String,
                             classification: Set<String>, approvals: Set<Approval>) -> Result<ClassPlanDraft, FieldErrors> {
        var errors = FieldErrors()
        let occupation = rawOccupation.trimmingCharacters(in: .whitespaces)
        if occupation.isEmpty {
            errors.add("occupation", "职业：请选择开班的职业")
        } else if !classification.contains(occupation) {
            errors.add("occupation", "职业：职业分类中没有代码“\(occupation)”")
        }
        let level = SkillLevel(form: rawLevel)
        if level == nil { errors.add("level", "等级：请选择职业技能等级（五级/初级工至一级/高级技师）") }
        if let level, classification.contains(occupation), !approvals.contains(Approval(occupationCode: occupation, level: level)) {
            errors.add("occupation", "职业：该培训机构未获准开展此职业\(level.chinese)的培训，请先在机构信息中登记其培训资质")
        }
        let starts = CalendarDate(iso: rawStarts.trimmingCharacters(in: .whitespaces))
        let ends = CalendarDate(iso: rawEnds.trimmingCharacters(in: .whitespaces))
        if starts == nil { errors.add("starts", "开班日期：格式应为YYYY-MM-DD，收到“\(rawStarts)”") }
        if ends == nil { errors.add("ends", "结业日期：格式应为YYYY-MM-DD，收到“\(rawEnds)”") }
        if let starts, let ends, ends < starts { errors.add("ends", "结业日期\(ends.iso)早于开班日期\(starts.iso)") }
        let place = TextField.clean(rawPlace)
        if place.isEmpty {
            errors.add("place", "培训地点：请填写")
        } else if place.count > placeMaxLength {
            errors.add("place", "培训地点：不超过\(placeMaxLength)个字")
        }
        let capacity = Int(rawCapacity.trimmingCharacters(in: .whitespaces))
        if capacity == nil || capacity! < 1 || capacity! > capacityMax {
            errors.add("capacity", "计划人数：应为1至\(capacityMax)之间的整数，收到“\(rawCapacity)”")
        }
        let trimmedEnrolled = rawEnrolled.trimmingCharacters(in: .whitespaces)
        let enrolled = trimmedEnrolled.isEmpty ? 0 : Int(trimmedEnrolled)
        if enrolled == nil || enrolled! < 0 {
            errors.add("enrolled", "已报名人数：应为不小于0的整数，收到“\(rawEnrolled)”")
        } else if let capacity, let enrolled, capacity >= 1, enrolled > capacity {
            errors.add("enrolled", "已报名人数\(enrolled)超过计划人数\(capacity)")
        }
        guard errors.isEmpty, let level, let starts, let ends, let capacity, let enrolled else { return .failure(errors) }
        return .success(ClassPlanDraft(occupationCode: occupation, level: level, starts: starts, ends: ends, place: place,
                                       capacity: capacity, enrolled: enrolled))
    }

    /// What an edit of a plan may not do once people hold places through item 19: plan fewer places, or record fewer
    /// enrolled, than the `enrolledThroughPlatform` places (已报名, 已参训, 已结业); nor, once anyone was notified of it
    /// (`hasPlaces`), teach another occupation or level than `stored` (their places would no longer fit their intentions).
    public static func editProblems(_ draft: ClassPlanDraft, enrolledThroughPlatform count: Int, hasPlaces: Bool, stored: Approval) -> FieldErrors {
        var errors = FieldErrors()
        if draft.capacity < count {
            errors.add("capacity", "计划人数\(draft.capacity)少于经平台报名（含已参训、已结业）的\(count)人，不能减到此数以下")
        }
        if draft.enrolled < count {
            errors.add("enrolled", "已报名人数\(draft.enrolled)少于经平台报名（含已参训、已结业）的\(count)人：已报名人数包括平台登记的报名，不能少于此数")
        }
        if hasPlaces, ClassPlanDraft.Approval(occupationCode: draft.occupationCode, level: draft.level) != stored {
            errors.add("occupation", "职业：已有群众经平台通知参加本班，不能再改职业或等级；如需调整，请另建开班计划")
        }
        return errors
    }
}
