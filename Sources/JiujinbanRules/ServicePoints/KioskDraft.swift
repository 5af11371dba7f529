/// 自助设备登记: a kiosk as the county registers it — the service point, the serial number on its plate, the day it
/// was installed. Field names: `point`, `serial`, `installed_on`.
public struct KioskDraft: Sendable, Equatable {
    public var point: String?
    public var serial: String?
    public var installedOn: String?

    public init(point: String? = nil, serial: String? = nil, installedOn: String? = nil) {
        self.point = point
        self.serial = serial
        self.installedOn = installedOn
    }

    public struct Facts: Sendable, Equatable {
        public let point: String
        /// Upper case, as printed on the plate.
        public let serial: String
        public let installedOn: CalendarDate
    }

    public func validate(today: CalendarDate) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let point = TextField.clean(self.point)
        if point.isEmpty { errors.add("point", "请选择安装自助设备的服务点") }
        let serial = String(String.UnicodeScalarView(TypedInput.halfWidthWithoutSpaces(serial ?? ""))).uppercased()
        if serial.isEmpty {
            errors.add("serial", "请填写设备序列号")
        } else if !(4...40).contains(serial.count) || !serial.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            errors.add("serial", "设备序列号应为4至40位字母、数字或“-”")
        }
        let dateText = TextField.clean(installedOn)
        let date = CalendarDate(iso: dateText)
        if dateText.isEmpty { errors.add("installed_on", "请填写安装日期") }
        else if date == nil { errors.add("installed_on", "安装日期应为有效日期，如\(today)") }
        else if let date, date > today { errors.add("installed_on", "安装日期不能晚于今天（\(today)）") }
        guard errors.isEmpty, let date else { return .failure(errors) }
        return .success(Facts(point: point, serial: serial, installedOn: date))
    }
}

/// 自助设备状态
public enum KioskStatus: String, CaseIterable, Sendable {
    /// 在用
    case active
    /// 已撤除
    case retired

    public var label: String { self == .active ? "在用" : "已撤除" }
}
