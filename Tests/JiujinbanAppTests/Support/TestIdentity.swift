import Foundation

/// Checksum-valid resident ID numbers and phones for people the tests invent (GB 11643-1999).
enum TestIdentity {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// The check character for 17 digits.
    static func checkCharacter(_ first17: String) -> Character {
        let sum = zip(first17.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// `region` (6 digits) + `birth` (YYYYMMDD) + `sequence` (3 digits) + the check character.
    static func idNumber(region: String = "140830", birth: String, sequence: Int) -> String {
        let first17 = region + birth + String(format: "%03d", sequence % 1_000)
        return first17 + String(checkCharacter(first17))
    }
}
