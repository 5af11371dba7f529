/// 公民身份号码: a resident ID number (GB 11643-1999), always held in its 18-character form.
///
/// Layout `AAAAAA YYYYMMDD SSS C`: address code at the time of issue, birth date, sequence (odd: male) and check
/// character. The foreigner permanent-residence card (外国人永久居留身份证, first digit 9) shares the layout and the
/// checksum and is accepted too. The address code is deliberately not checked against today's division list:
/// Ruicheng has been `140830` since 2000 and was `142723` before, and older residents keep the old code.
///
/// `description` is the masked form so that string interpolation into logs never writes the full number; use
/// `value` where the full number is needed.
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters: 17 digits and a check character `0`–`9` or `X`.
    public let value: String
    public let birthDate: CalendarDate
    public let sex: Sex

    /// The earliest birth date accepted: anything earlier is a typing error, not a living resident.
    public static let earliestBirthDate = CalendarDate(year: 1900, month: 1, day: 1)!

    /// Province-level codes of GB/T 2260 (within 11–65), plus 71 Taiwan, 81 Hong Kong, 82 Macao and 83 (Taiwan
    /// residents' residence permit).
    static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ]

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Parses what a clerk typed or a reader returned.
    ///
    /// Spaces (ASCII and full-width) are removed, full-width digits and `Ｘ` converted, a lowercase `x` upper-cased;
    /// a legacy 15-digit number (`AAAAAA YYMMDD SSS`, born in the 1900s) becomes its 18-digit form.
    /// `today` is the current date in Asia/Shanghai: a birth date after it is rejected.
    public static func parse(_ raw: String, today: CalendarDate) -> Result<ResidentIDNumber, ResidentIDNumberError> {
        var characters: [Character] = []
        for scalar in TypedInput.halfWidthWithoutSpaces(raw) {
            switch scalar {
            case "0"..."9", "X": characters.append(Character(scalar))
            case "x": characters.append("X")
            default: return .failure(.invalidCharacters)
            }
        }
        guard !characters.isEmpty else { return .failure(.empty) }
        guard characters.count == 18 || characters.count == 15 else {
            return .failure(.wrongLength(characters.count))
        }
        if let x = characters.firstIndex(of: "X"), characters.count == 15 || x != 17 {
            return .failure(.misplacedX)
        }
        let digits = characters.prefix(17).map { $0.wholeNumberValue! }
        let body = characters.count == 15 ? Array(digits[0..<6]) + [1, 9] + Array(digits[6...]) : digits

        let province = body[0] * 10 + body[1]
        guard body[0] == 9 || provinceCodes.contains(province) else {
            return .failure(.invalidProvinceCode(String(characters[0...1])))
        }
        let year = body[6...9].reduce(0) { $0 * 10 + $1 }
        let month = body[10] * 10 + body[11]
        let day = body[12] * 10 + body[13]
        guard let birthDate = CalendarDate(year: year, month: month, day: day) else {
            return .failure(.nonexistentBirthDate(body[6...13].map(String.init).joined()))
        }
        guard birthDate >= earliestBirthDate else { return .failure(.birthDateBefore1900(birthDate)) }
        guard birthDate <= today else { return .failure(.birthDateInFuture(birthDate)) }

        let check = checkCharacter(for: body)
        guard characters.count == 15 || characters[17] == check else { return .failure(.checksumMismatch) }
        let value = body.map(String.init).joined() + String(check)
        return .success(ResidentIDNumber(value: value, birthDate: birthDate, sex: body[16] % 2 == 1 ? .male : .female))
    }

    /// The check character for the first 17 digits: `"10X98765432"[Σ digit·weight mod 11]`.
    static func checkCharacter(for first17: [Int]) -> Character {
        let sum = zip(first17, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// 行政区划代码: the six-digit address code at the time of issue (the first six characters).
    public var regionCode: String { String(value.prefix(6)) }

    /// True for the foreigner permanent-residence card (外国人永久居留身份证), whose number starts with 9.
    public var isForeignPermanentResidentCard: Bool { value.hasPrefix("9") }

    /// Completed years of age (周岁) on `date`; see `CalendarDate.completedYears(since:)` for the
    /// 29 February convention.
    public func ageInYears(on date: CalendarDate) -> Int {
        date.completedYears(since: birthDate)
    }

    /// `140830********1232`, for staff screens, receipts, exports and logs.
    public var masked: String { Masking.maskedIDNumber(value) }

    public var description: String { masked }
}

extension CalendarDate {
    /// Completed years between `start` (a birth date) and this date, as ages are counted in China (周岁): the
    /// count goes up on the anniversary itself.
    ///
    /// Convention for a 29 February start: in a year without 29 February the anniversary is taken to be 1 March, so
    /// someone born on 2000-02-29 is 0 on 2001-02-28 and 1 on 2001-03-01. A date before `start` gives a negative
    /// result.
    public func completedYears(since start: CalendarDate) -> Int {
        let leapDayInCommonYear = start.month == 2 && start.day == 29 && !CalendarDate.isLeap(year)
        let anniversary = leapDayInCommonYear ? (3, 1) : (start.month, start.day)
        return year - start.year - ((month, day) < anniversary ? 1 : 0)
    }
}
