import Foundation

/// What a clerk typed into the service-point form, before validation.
public struct ServicePointForm: Sendable, Equatable, Codable {
    public var divisionCode: String?
    public var kind: String?
    public var name: String?
    public var institution: String?
    public var address: String?
    public var longitude: String?
    public var latitude: String?
    public var farthestKm: String?

    public init(
        divisionCode: String? = nil, kind: String? = nil, name: String? = nil, institution: String? = nil,
        address: String? = nil, longitude: String? = nil, latitude: String? = nil, farthestKm: String? = nil
    ) {
        self.divisionCode = divisionCode
        self.kind = kind
        self.name = name
        self.institution = institution
        self.address = address
        self.longitude = longitude
        self.latitude = latitude
        self.farthestKm = farthestKm
    }
}

/// A service point's editable facts after validation: every field is known to be good.
public struct ServicePointDraft: Sendable, Equatable {
    public let divisionCode: DivisionCode
    public let kind: ServicePointKind
    public let name: String
    public let institution: String
    public let address: String
    public let coordinate: GeoCoordinate
    /// 最远居民区距服务点距离, in metres.
    public let farthestResidenceMeters: Int

    public init(
        divisionCode: DivisionCode, kind: ServicePointKind, name: String, institution: String, address: String,
        coordinate: GeoCoordinate, farthestResidenceMeters: Int
    ) {
        self.divisionCode = divisionCode
        self.kind = kind
        self.name = name
        self.institution = institution
        self.address = address
        self.coordinate = coordinate
        self.farthestResidenceMeters = farthestResidenceMeters
    }

    /// The farthest residential area is within the township; 200 km would already cross the county.
    public static let maximumFarthestMeters = 200_000

    /// Validates every field and reports every problem at once. `levelOf` answers the level of an existing
    /// division, or nil when no such division exists.
    public static func validate(
        _ form: ServicePointForm, levelOf: (DivisionCode) -> DivisionLevel?
    ) -> Result<ServicePointDraft, FieldErrors> {
        var errors = FieldErrors()
        let kind = ServicePointKind(rawValue: form.kind ?? "")
        if kind == nil { errors.add("kind", "请选择服务点类型") }

        var division: DivisionCode?
        var level: DivisionLevel?
        let rawCode = TextField.clean(form.divisionCode)
        if rawCode.isEmpty {
            errors.add("division_code", "请选择所属区划")
        } else if TextField.containsForbiddenCharacters(form.divisionCode ?? "") {
            errors.add("division_code", "所属区划含有不可见的控制字符，请重新选择")
        } else {
            do {
                let code = try DivisionCode(rawCode)
                if let found = levelOf(code) { division = code; level = found } else {
                    errors.add("division_code", "所属区划 \(rawCode) 不存在")
                }
            } catch {
                errors.add("division_code", "所属区划：" + error.message)
            }
        }
        if let kind, let level, !kind.admits(level) {
            errors.add("kind", "\(kind.label)不能设在\(level.label)一级")
        }

        let name = TextField.required(form.name, field: "name", label: "服务点名称", maxLength: 50, into: &errors)
        let institution = TextField.required(
            form.institution, field: "institution", label: "服务点所属机构名称", maxLength: 60, into: &errors)
        let address = TextField.required(form.address, field: "address", label: "服务点地址", maxLength: 100, into: &errors)

        let longitude = angle(form.longitude, field: "longitude", label: "经度",
                              range: GeoCoordinate.longitudeRange, hint: "110.6933 或 110°41′36″", into: &errors)
        let latitude = angle(form.latitude, field: "latitude", label: "纬度",
                             range: GeoCoordinate.latitudeRange, hint: "34.6919 或 34°41′31″", into: &errors)
        let farthest = farthestMeters(form.farthestKm, into: &errors)

        guard errors.isEmpty, let kind, let division, let longitude, let latitude, let farthest,
              let coordinate = GeoCoordinate(longitude: longitude, latitude: latitude) else {
            return .failure(errors)
        }
        return .success(Self(
            divisionCode: division, kind: kind, name: name, institution: institution, address: address,
            coordinate: coordinate, farthestResidenceMeters: farthest))
    }

    static func angle(
        _ raw: String?, field: String, label: String, range: ClosedRange<Double>, hint: String,
        into errors: inout FieldErrors
    ) -> Double? {
        switch AngleParser.degrees(from: raw ?? "") {
        case .failure(.empty):
            errors.add(field, "请填写\(label)")
        case .failure(.minutesOrSecondsOutOfRange):
            errors.add(field, "\(label)的分、秒应小于60")
        case .failure(.unreadable):
            errors.add(field, "\(label)格式不正确，请填写如 \(hint)")
        case .success(let value):
            if range.contains(value) { return value }
            let bounds = "\(Int(range.lowerBound))°至\(Int(range.upperBound))°"
            errors.add(field, "\(label)应在\(bounds)之间（中国境内），现为“\(TextField.clean(raw))”")
        }
        return nil
    }

    static func farthestMeters(_ raw: String?, into errors: inout FieldErrors) -> Int? {
        let label = "最远居民区距服务点距离"
        let text = TextField.clean(raw)
        guard !text.isEmpty else {
            errors.add("farthest_km", "请填写\(label)（公里）")
            return nil
        }
        switch FixedPoint.parse(text, fractionDigits: 3) {
        case .failure(.negative):
            errors.add("farthest_km", "\(label)不能为负数")
        case .failure(.tooManyDecimals):
            errors.add("farthest_km", "\(label)最多保留3位小数（精确到米）")
        case .failure(.unreadable):
            errors.add("farthest_km", "\(label)应为公里数，如 3.5")
        case .success(let meters):
            if meters <= maximumFarthestMeters { return meters }
            errors.add("farthest_km", "\(label)不能超过200公里")
        }
        return nil
    }
}
