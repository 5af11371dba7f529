import Foundation

/// Synthetic residents of one county for benchmarks and demonstrations (`jiujinban generate-data`).
///
/// The same seed gives the same people in the same order on every machine. Every ID number passes the full check
/// (region, date, check character) and is unique within one generator: the sequence part is counted per region
/// code and birth date, with the parity giving the sex as GB 11643 requires. Birth dates lie in a fixed range
/// (1941–2010), so a seed does not drift with the day it is run. Older people carry the county's pre-2000 code
/// where the county had one.
public struct SyntheticPopulation: Sendable {
    public struct Person: Sendable, Equatable {
        public let idNumber: String
        public let name: String
        public let sex: Sex
        public let birthDate: CalendarDate
        public let phone: String?
        public let residence: DivisionCode
        public let hukou: DivisionCode
        public let ethnicity: String
    }

    public static let birthRange = CalendarDate(year: 1941, month: 1, day: 1)!...CalendarDate(year: 2010, month: 12, day: 31)!

    private var rng: SeededGenerator
    private let residences: [DivisionCode]
    private let regionCode: String
    private let formerRegionCode: String?
    /// Next free sequence per (region, birth day, sex): 0–499, so `2 × n + parity` stays within 000–999.
    private var sequences: [String: Int] = [:]
    private let firstDay: Int
    private let dayCount: Int

    /// `residences` are the villages and communities people live in; `regionCode` the county's 6-digit code and
    /// `formerRegionCode` the code it had before (Ruicheng: 142723), used for people born before 1980.
    public init(seed: UInt64, residences: [DivisionCode], regionCode: String, formerRegionCode: String? = nil) {
        precondition(!residences.isEmpty, "a population needs somewhere to live")
        precondition(regionCode.count == 6 && regionCode.allSatisfy(\.isASCII), "region code has 6 digits")
        rng = SeededGenerator(seed: seed)
        self.residences = residences
        self.regionCode = regionCode
        self.formerRegionCode = formerRegionCode
        firstDay = Self.birthRange.lowerBound.dayNumber
        dayCount = Self.birthRange.upperBound.dayNumber - firstDay + 1
    }

    public mutating func next() -> Person {
        let sex: Sex = Bool.random(using: &rng) ? .male : .female
        var birth: CalendarDate
        var region: String
        var sequence: Int
        repeat {
            birth = CalendarDate(dayNumber: firstDay + Int.random(in: 0..<dayCount, using: &rng))
            region = birth.year < 1980 ? (formerRegionCode ?? regionCode) : regionCode
            let key = "\(region)\(birth.compact)\(sex == .male ? 1 : 0)"
            sequence = sequences[key, default: 0]
            if sequence < 500 { sequences[key] = sequence + 1 }
        } while sequence >= 500
        let serial = sequence * 2 + (sex == .male ? 1 : 0)
        let body = region + birth.compact + serial.zeroPadded(to: 3)
        let idNumber = body + String(ResidentIDNumber.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
        let residence = residences[Int.random(in: 0..<residences.count, using: &rng)]
        let hukou = Int.random(in: 0..<10, using: &rng) == 0 ? residences[Int.random(in: 0..<residences.count, using: &rng)] : residence
        return Person(idNumber: idNumber, name: name(sex), sex: sex, birthDate: birth, phone: phone(), residence: residence,
                      hukou: hukou, ethnicity: ethnicity())
    }

    // Common surnames of southern Shanxi, most frequent first (listed more often = drawn more often).
    private static let surnames = Array("王王王李李李张张刘刘杨杨赵郭郭梁贾薛卫畅席吉任武冯陈孙吕段董高徐马程宋史侯范姚景解柴")
    private static let maleGiven = Array("建国军伟强军平明亮志勇华斌鹏涛磊超刚林海文杰峰宏俊晓东红卫永春")
    private static let femaleGiven = Array("秀英丽娟芳敏静霞艳红玲燕梅兰萍娜琴慧婷雪晓春花翠云莉佳")

    private mutating func name(_ sex: Sex) -> String {
        let pool = sex == .male ? Self.maleGiven : Self.femaleGiven
        var text = String(Self.surnames[Int.random(in: 0..<Self.surnames.count, using: &rng)])
        for _ in 0..<(Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 2) {
            text.append(pool[Int.random(in: 0..<pool.count, using: &rng)])
        }
        return text
    }

    private static let phonePrefixes = ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                                        "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133",
                                        "153", "180", "189", "199"]

    /// 85% have a mobile phone on record.
    private mutating func phone() -> String? {
        guard Int.random(in: 0..<100, using: &rng) < 85 else { return nil }
        let prefix = Self.phonePrefixes[Int.random(in: 0..<Self.phonePrefixes.count, using: &rng)]
        return prefix + String(Int.random(in: 0..<100_000_000, using: &rng) + 100_000_000).dropFirst()
    }

    private mutating func ethnicity() -> String {
        switch Int.random(in: 0..<1000, using: &rng) {
        case 0..<6: "回族"
        case 6..<9: "满族"
        case 9..<11: "蒙古族"
        default: "汉族"
        }
    }
}
