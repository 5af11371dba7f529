/// 六类重点群体 (attachment 1, items 16–19): the people entitled to subsidised vocational training. A person may be
/// in several. Three are facts the platform's own records decide (an unemployment registration, a county's
/// recognition, the rural-revitalisation department's list); the other three are declared at the counter with the
/// proof the clerk saw.
public enum KeyGroup: String, CaseIterable, Sendable, Codable {
    case povertyMonitoring = "poverty-monitoring"
    case graduate
    case schoolLeaver = "school-leaver"
    case ruralMigrant = "rural-migrant"
    case registeredUnemployed = "registered-unemployed"
    case hardToEmploy = "hard-to-employ"

    public var chinese: String {
        switch self {
        case .povertyMonitoring: "防止返贫监测对象"
        case .graduate: "毕业年度高校毕业生"
        case .schoolLeaver: "城乡未继续升学的应届初高中毕业生"
        case .ruralMigrant: "农村转移就业劳动者"
        case .registeredUnemployed: "城镇登记失业人员"
        case .hardToEmploy: "就业困难人员"
        }
    }

    /// Where membership of a record-decided group comes from, and where to go when the record is missing;
    /// nil for a group declared at the counter.
    public var record: (name: String, whereToGo: String)? {
        switch self {
        case .povertyMonitoring: ("县乡村振兴部门的防止返贫监测对象名单", "不在名单中的，请向乡镇或县乡村振兴部门核实后由县业务管理员导入名单")
        case .registeredUnemployed: ("有效的失业登记", "尚未办理失业登记的，请先办理失业登记（事项11）")
        case .hardToEmploy: ("县人社部门的就业困难人员认定", "尚未认定的，请向县人社部门申请就业困难人员认定")
        case .graduate, .schoolLeaver, .ruralMigrant: nil
        }
    }

    /// The proof a declared group is checked against, as the form suggests it.
    public var proofHint: String {
        switch self {
        case .graduate: "毕业证书或学校出具的毕业年度证明"
        case .schoolLeaver: "初中或高中毕业证书（应届）"
        case .ruralMigrant: "户口簿（农村户籍）及务工证明"
        case .povertyMonitoring, .registeredUnemployed, .hardToEmploy: "以平台记录为准"
        }
    }
}

/// Why a person is in a group: the record that says so, or the proof the clerk saw.
public enum KeyGroupBasis: Sendable, Equatable {
    case record(String)
    case declared(proof: String)

    public var text: String {
        switch self {
        case .record(let record): "据" + record
        case .declared(let proof): "现场申报，查验" + proof
        }
    }
}

public struct KeyGroupMembership: Sendable, Equatable {
    public let group: KeyGroup
    public let basis: KeyGroupBasis

    public init(group: KeyGroup, basis: KeyGroupBasis) {
        self.group = group
        self.basis = basis
    }
}

/// The groups a person is in, from the platform's records and what is declared at the counter (field `groups`, the
/// proof of each declared group in `proof_<group>`).
public enum KeyGroupCheck {
    /// What the platform's records say of the person.
    public struct Records: Sendable, Equatable {
        /// An unemployment registration still open, with the day it began.
        public var unemployedSince: CalendarDate?
        /// The day a county reviewer recognised the person as 就业困难人员 (still in force).
        public var hardshipRecognisedOn: CalendarDate?
        /// The batch of the monitoring list the person is on (`2026年第3批`), if any.
        public var monitoringListBatch: String?

        public init(unemployedSince: CalendarDate? = nil, hardshipRecognisedOn: CalendarDate? = nil, monitoringListBatch: String? = nil) {
            self.unemployedSince = unemployedSince
            self.hardshipRecognisedOn = hardshipRecognisedOn
            self.monitoringListBatch = monitoringListBatch
        }

        func basis(_ group: KeyGroup) -> KeyGroupBasis? {
            switch group {
            case .registeredUnemployed: unemployedSince.map { .record("失业登记（\($0.iso)起）") }
            case .hardToEmploy: hardshipRecognisedOn.map { .record("就业困难人员认定（\($0.iso)）") }
            case .povertyMonitoring: monitoringListBatch.map { .record("防止返贫监测对象名单（\($0)）") }
            case .graduate, .schoolLeaver, .ruralMigrant: nil
            }
        }
    }

    public static let proofMaxLength = 100

    /// Every group the records give, and each declared one with its proof. A declared record-decided group the
    /// records do not give is refused with where to go; a declared group without its proof is refused; a person in
    /// no group at all is refused naming the six.
    public static func resolve(records: Records, declared: [KeyGroup: String]) -> Result<[KeyGroupMembership], FieldErrors> {
        var errors = FieldErrors()
        var members: [KeyGroupMembership] = []
        for group in KeyGroup.allCases {
            if let basis = records.basis(group) {
                members.append(KeyGroupMembership(group: group, basis: basis))
                continue
            }
            guard let raw = declared[group] else { continue }
            if let record = group.record {
                errors.add("groups", "\(group.chinese)以\(record.name)为准，平台中没有该群众的记录：\(record.whereToGo)")
                continue
            }
            let proof = TextField.clean(raw)
            if proof.isEmpty {
                errors.add("proof_\(group.rawValue)", "\(group.chinese)：请填写查验的证明材料（如\(group.proofHint)）")
            } else if proof.count > proofMaxLength {
                errors.add("proof_\(group.rawValue)", "\(group.chinese)：证明材料不超过\(proofMaxLength)个字")
            } else {
                members.append(KeyGroupMembership(group: group, basis: .declared(proof: proof)))
            }
        }
        if errors.isEmpty, members.isEmpty {
            errors.add("groups", "培训意向登记面向六类重点群体（" + KeyGroup.allCases.map(\.chinese).joined(separator: "、")
                       + "）：平台记录中该群众不属于其中任何一类，请勾选所属群体并填写查验的证明材料")
        }
        return errors.isEmpty ? .success(members) : .failure(errors)
    }
}
