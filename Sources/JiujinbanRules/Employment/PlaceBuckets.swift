import Foundation

/// The postings grouped by occupation major group and workplace division, each group with the box its workplaces lie
/// in and the fields the recommendation tests, side by side. A seeker's recommendation reads the groups in the order
/// of the best score a posting in them could reach, and stops at the first group whose best cannot enter the list:
/// the seeker's own trades near home first, and most of 200,000 postings never read. Each group keeps its members'
/// fields together, so reading a group is one pass over contiguous memory.
struct PlaceBuckets: Sendable {
    /// What the recommendation tests of a posting, for `slot` in the market.
    struct Member: Sendable, Equatable {
        var slot: Int32
        var open: Bool
        var youngest: UInt8, oldest: UInt8, education: UInt8
        var validDay: Int32
        var occupation: Int32
        var wageLow: Int32, wageHigh: Int32
        var latitude: Double, longitude: Double
    }

    struct Bucket: Sendable {
        let major: UInt8
        /// Every member's workplace division, as a number (`JobMarket.divisionRange` compares it).
        let division: Int64
        var south: Double, north: Double, west: Double, east: Double
        /// The highest bottom and the highest top of any member's wage range: no member's wage scores more than a
        /// range of these two would.
        var highestWageLow: Int32, highestWageHigh: Int32
        var members: [Member] = []
    }

    private struct Key: Hashable {
        let major: UInt8
        let division: Int64
    }

    private(set) var buckets: [Bucket] = []
    private var numbers: [Key: Int32] = [:]
    /// Where each slot is: its bucket and its position among the bucket's members.
    private var bucketOf: [Int32] = []
    private var positionOf: [Int32] = []

    /// Puts a posting in its group, or updates it there, moving it when a new revision changed its trade or place.
    mutating func place(_ member: Member, major: UInt8, division: Int64) {
        let key = Key(major: major, division: division)
        let number = numbers[key] ?? {
            let number = Int32(buckets.count)
            numbers[key] = number
            buckets.append(Bucket(major: major, division: division, south: member.latitude, north: member.latitude, west: member.longitude,
                                  east: member.longitude, highestWageLow: member.wageLow, highestWageHigh: member.wageHigh))
            return number
        }()
        let slot = Int(member.slot)
        if slot < bucketOf.count, bucketOf[slot] == number {
            buckets[Int(number)].members[Int(positionOf[slot])] = member
        } else {
            if slot < bucketOf.count { remove(slot) } else {
                precondition(slot == bucketOf.count, "slots are placed in the order they are made")
                bucketOf.append(0)
                positionOf.append(0)
            }
            bucketOf[slot] = number
            positionOf[slot] = Int32(buckets[Int(number)].members.count)
            buckets[Int(number)].members.append(member)
        }
        // The box and the wages only grow: a posting moved out leaves them larger than needed, which stays a true bound.
        let n = Int(number)
        buckets[n].highestWageLow = max(buckets[n].highestWageLow, member.wageLow)
        buckets[n].highestWageHigh = max(buckets[n].highestWageHigh, member.wageHigh)
        buckets[n].south = min(buckets[n].south, member.latitude)
        buckets[n].north = max(buckets[n].north, member.latitude)
        buckets[n].west = min(buckets[n].west, member.longitude)
        buckets[n].east = max(buckets[n].east, member.longitude)
    }

    /// Takes `slot` out of its bucket; the bucket's last member takes its position.
    private mutating func remove(_ slot: Int) {
        let n = Int(bucketOf[slot]), position = Int(positionOf[slot])
        let last = buckets[n].members.removeLast()
        if position < buckets[n].members.count {
            buckets[n].members[position] = last
            positionOf[Int(last.slot)] = Int32(position)
        }
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
