import Foundation

/// The postings grouped by occupation major group and workplace division, each group with the box its workplaces lie
/// in. A seeker's recommendation reads the groups in the order of the best score a posting in them could reach, and
/// stops at the first group whose best cannot enter the list: the seeker's own trades near home first, and most of
/// 200,000 postings never read.
struct PlaceBuckets: Sendable {
    struct Bucket: Sendable {
        let major: UInt8
        var south: Double, north: Double, west: Double, east: Double
        /// The highest bottom and the highest top of any member's wage range: no member's wage scores more than a
        /// range of these two would.
        var highestWageLow: Int32, highestWageHigh: Int32
        var members: [Int32] = []
    }

    private struct Key: Hashable {
        let major: UInt8
        let division: Int64
    }

    private(set) var buckets: [Bucket] = []
    private var numbers: [Key: Int32] = [:]
    /// The bucket of each slot.
    private var bucketOf: [Int32] = []

    /// Puts `slot` in its group, moving it there when a new revision changed its trade or place.
    mutating func place(_ slot: Int32, major: UInt8, division: Int64, at point: GeoCoordinate, wages: (low: Int32, high: Int32)) {
        let key = Key(major: major, division: division)
        let number = numbers[key] ?? {
            let number = Int32(buckets.count)
            numbers[key] = number
            buckets.append(Bucket(major: major, south: point.latitude, north: point.latitude, west: point.longitude, east: point.longitude,
                                  highestWageLow: wages.low, highestWageHigh: wages.high))
            return number
        }()
        let index = Int(slot)
        if index < bucketOf.count {
            let previous = Int(bucketOf[index])
            if previous != Int(number) {
                buckets[previous].members.removeAll { $0 == slot }
                buckets[Int(number)].members.insertOnce(slot)
                bucketOf[index] = number
            }
        } else {
            precondition(index == bucketOf.count, "slots are placed in the order they are made")
            buckets[Int(number)].members.insertOnce(slot)
            bucketOf.append(number)
        }
        // The box and the wages only grow: a posting moved out leaves them larger than needed, which stays a true bound.
        buckets[Int(number)].highestWageLow = max(buckets[Int(number)].highestWageLow, wages.low)
        buckets[Int(number)].highestWageHigh = max(buckets[Int(number)].highestWageHigh, wages.high)
        buckets[Int(number)].south = min(buckets[Int(number)].south, point.latitude)
        buckets[Int(number)].north = max(buckets[Int(number)].north, point.latitude)
        buckets[Int(number)].west = min(buckets[Int(number)].west, point.longitude)
        buckets[Int(number)].east = max(buckets[Int(number)].east, point.longitude)
    }

    /// A distance in metres no larger than the great-circle distance from `home` to any point of `bucket`: the flat-map
    /// distance to the box, less 1 % (within a province that is always below the great-circle distance).
    static func nearest(_ bucket: Bucket, from home: GeoCoordinate, metresPerDegreeLongitude: Double) -> Int {
        let latitudeGap = max(0, bucket.south - home.latitude, home.latitude - bucket.north)
        let longitudeGap = max(0, bucket.west - home.longitude, home.longitude - bucket.east)
        let dy = latitudeGap * JobMarket.metresPerDegreeLatitude, dx = longitudeGap * metresPerDegreeLongitude
        return Int(((dx * dx + dy * dy).squareRoot() * 0.99).rounded(.down))
    }
}
