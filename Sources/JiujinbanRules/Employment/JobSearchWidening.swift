import Foundation

/// 放宽条件: item 2's search run again with a larger commuting radius, or without the workplaces the seeker named,
/// when nothing fits. It holds for that one search: the registration keeps what the person said (changing it is
/// item 1's 修改求职登记). Only the seeker's own limits can be widened — a posting's age, schooling and closing date
/// are the employer's, and the occupation only ranks, it never leaves a posting out.
public struct JobSearchWidening: Sendable, Equatable {
    public enum Radius: Sendable, Equatable {
        case kilometres(Int)
        case unlimited
    }

    /// The radius searched instead of the registered one; nil keeps the registered one.
    public var radius: Radius?
    /// Whether workplaces outside the places the seeker named count too.
    public var anyPlace: Bool

    public init(radius: Radius? = nil, anyPlace: Bool = false) {
        self.radius = radius
        self.anyPlace = anyPlace
    }

    /// The radii a page offers, in kilometres (a county is about 60 km across, so 100 reaches the neighbours).
    public static let radiiKm = [5, 10, 20, 30, 50, 100]
    /// How many larger radii a page offers at once, besides 不限距离.
    public static let radiiOffered = 3

    public var isWidened: Bool { radius != nil || anyPlace }

    /// The query a link carries (`distance_km`, `places`), empty parts left out.
    public var queryItems: [(String, String)] {
        let distance: String = switch radius {
        case .kilometres(let km)?: String(km)
        case .unlimited?: "any"
        case nil: ""
        }
        return [("distance_km", distance), ("places", anyPlace ? "any" : "")].filter { !$0.1.isEmpty }
    }

    /// The query as one text (`distance_km=20&places=any`), which the case keeps.
    public var queryText: String { queryItems.map { "\($0.0)=\($0.1)" }.joined(separator: "&") }

    /// Reads a page's `distance_km` and `places` as values: a radius must be one offered or `any`, `places` may only
    /// be `any`. Every problem is named by field.
    public static func parse(distanceKm: String?, places: String?) -> Result<JobSearchWidening, FieldErrors> {
        var errors = FieldErrors()
        var widening = JobSearchWidening()
        let distance = (distanceKm ?? "").trimmingCharacters(in: .whitespaces)
        if distance == "any" {
            widening.radius = .unlimited
        } else if !distance.isEmpty {
            if let km = Int(distance), radiiKm.contains(km) { widening.radius = .kilometres(km) }
            else { errors.add("distance_km", "通勤距离请从页面提供的选项中选择（\(radiiKm.map(String.init).joined(separator: "、"))公里或不限）") }
        }
        switch (places ?? "").trimmingCharacters(in: .whitespaces) {
        case "": break
        case "any": widening.anyPlace = true
        default: errors.add("places", "工作地点只能放宽为“不限”")
        }
        return errors.isEmpty ? .success(widening) : .failure(errors)
    }

    /// `parse`, and a radius must also be wider than the registered one (放宽, never narrowed).
    public static func parse(distanceKm: String?, places: String?, registeredMeters: Int?) -> Result<JobSearchWidening, FieldErrors> {
        switch parse(distanceKm: distanceKm, places: places) {
        case .failure(let errors): return .failure(errors)
        case .success(let widening):
            guard case .kilometres(let km)? = widening.radius else { return .success(widening) }
            var errors = FieldErrors()
            if let registered = registeredMeters {
                if km * 1000 <= registered { errors.add("distance_km", "放宽后的通勤距离应大于求职登记的\(MonthlyReportTable.kilometres(registered))") }
            } else {
                errors.add("distance_km", "求职登记未限定通勤距离，无需放宽")
            }
            return errors.isEmpty ? .success(widening) : .failure(errors)
        }
    }

    /// The seeker as this search sees them: the wider radius, and no places when any place counts.
    public func applied(to seeker: JobSeekerProfile) -> JobSeekerProfile {
        let limit: Int? = switch radius {
        case .kilometres(let km)?: km * 1000
        case .unlimited?: nil
        case nil: seeker.maximumDistanceMeters
        }
        return JobSeekerProfile(occupations: seeker.occupations, expectedWageFen: seeker.expectedWageFen, maximumDistanceMeters: limit,
                                places: anyPlace ? [] : seeker.places, education: seeker.education, ageYears: seeker.ageYears,
                                residence: seeker.residence, availableFrom: seeker.availableFrom)
    }

    /// One way to widen the search from where it stands, and what its link says.
    public struct Offer: Sendable, Equatable {
        public let label: String
        public let widening: JobSearchWidening
    }

    /// What a page offers when nothing fits `registered` searched with `self`: the next few radii and 不限距离 while
    /// the search still has a radius, and 不限工作地点 while it still keeps places. Empty when the search already has
    /// neither limit (then only other kinds of work can help).
    public func offers(registeredMeters: Int?, registeredPlaces: Bool) -> [Offer] {
        var offers: [Offer] = []
        let current: Int? = switch radius {
        case .kilometres(let km)?: km * 1000
        case .unlimited?: nil
        case nil: registeredMeters
        }
        if let current {
            for km in Self.radiiKm.filter({ $0 * 1000 > current }).prefix(Self.radiiOffered) {
                offers.append(Offer(label: "放宽到\(km)公里", widening: JobSearchWidening(radius: .kilometres(km), anyPlace: anyPlace)))
            }
            offers.append(Offer(label: "不限距离", widening: JobSearchWidening(radius: .unlimited, anyPlace: anyPlace)))
        }
        if registeredPlaces, !anyPlace {
            offers.append(Offer(label: "不限工作地点", widening: JobSearchWidening(radius: radius, anyPlace: true)))
        }
        return offers
    }

    /// What the search was, in words, for the page and the case's result (放宽至20公里、不限工作地点).
    public var description: String {
        var parts: [String] = []
        switch radius {
        case .kilometres(let km)?: parts.append("通勤距离放宽至\(km)公里")
        case .unlimited?: parts.append("不限通勤距离")
        case nil: break
        }
        if anyPlace { parts.append("不限工作地点") }
        return parts.joined(separator: "、")
    }
}
