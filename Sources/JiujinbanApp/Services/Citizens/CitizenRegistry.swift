import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// A citizen as pages show them: masked unless the full values were asked for (an audited action).
struct CitizenView: Sendable {
    let id: UUID
    /// Masked (`Masking.maskedName`) unless revealed, like the ID number, phone and card number.
    let name: String
    let idNumber: String
    let phone: String?
    let cardNumber: String?
    let sex: String
    let birthDate: String
    let age: Int?
    let hukouName: String
    let residenceName: String
    let ethnicity: String
    /// 居住地址: in full only while revealed; masked, whether one is recorded (`CitizenView.addressHidden`).
    let residenceAddress: String?
    /// While the session's 显示完整信息 grant holds: the minute it ends (Asia/Shanghai, `HH:mm`); nil when masked.
    let revealedUntil: String?
    /// `来源：导入文件“…”，时间…` for a person an insurance import registered; nil for a counter's registration.
    var importedFrom: String? = nil
    var isRevealed: Bool { revealedUntil != nil }

    /// What a masked page shows for a recorded address: an address has no masking rule of its own (domain rules
    /// §10), and a part of it still points at one house.
    static let addressHidden = "已登记（显示完整信息后可见）"
}

/// The one record per person: exact lookup by ID number through the blind index, registration, reading back.
package enum CitizenRegistry {
    static func index(of idNumber: ResidentIDNumber, cipher: PersonalDataCipher) -> String {
        cipher.blindIndex(idNumber.value, context: CitizenCrypto.idNumberContext)
    }

    package static func find(_ idNumber: ResidentIDNumber, cipher: PersonalDataCipher, on db: any Database) async throws -> CitizenRecord? {
        try await CitizenRecord.find(index: index(of: idNumber, cipher: cipher), on: db)
    }

    /// Inserts the citizen; the caller has checked there is none yet (the unique index catches a race).
    static func register(
        _ facts: CitizenFacts, by accountID: UUID, at now: Date, cipher: PersonalDataCipher, on db: any Database
    ) async throws -> UUID {
        let record = try sealedRecord(facts, by: accountID, at: now, cipher: cipher)
        try await record.create(on: db)
        return try record.requireID()
    }

    /// The record of a new citizen, personal data sealed: the counter's registration and the insurance import
    /// (`LedgerPeople`, which inserts many at once) both make it here.
    static func sealedRecord(_ facts: CitizenFacts, by accountID: UUID, at now: Date, cipher: PersonalDataCipher) throws -> CitizenRecord {
        let record = CitizenRecord()
        record.id = UUID()
        record.idNumberSealed = try cipher.seal(facts.idNumber.value, context: CitizenCrypto.idNumberContext)
        record.idNumberIndex = index(of: facts.idNumber, cipher: cipher)
        record.name = facts.name
        record.sex = facts.idNumber.sex.rawValue
        record.birthDate = facts.idNumber.birthDate.description
        record.phoneSealed = try facts.phone.map { try cipher.seal($0.value, context: CitizenCrypto.phoneContext) }
        record.hukouDivisionCode = facts.hukouDivision.value
        record.residenceDivisionCode = facts.residenceDivision.value
        record.ethnicity = facts.ethnicity
        record.cardNumberSealed = try facts.cardNumber.map { try cipher.seal($0, context: CitizenCrypto.cardNumberContext) }
        record.createdBy = accountID
        record.createdAt = now
        record.updatedAt = now
        return record
    }

    static func view(_ record: CitizenRecord, revealedUntil: Date?, req: Request) async throws -> CitizenView {
        let revealed = revealedUntil != nil
        let cipher = req.jiujinban.cipher
        let idNumber = try cipher.open(record.idNumberSealed, context: CitizenCrypto.idNumberContext)
        let phone = try record.phoneSealed.map { try cipher.open($0, context: CitizenCrypto.phoneContext) }
        let card = try record.cardNumberSealed.map { try cipher.open($0, context: CitizenCrypto.cardNumberContext) }
        let address = try record.residenceAddressSealed.map { try cipher.open($0, context: CitizenCrypto.residenceAddressContext) }
        let birth = CalendarDate(iso: record.birthDate)
        return CitizenView(
            id: try record.requireID(), name: revealed ? record.name : record.maskedName,
            idNumber: revealed ? idNumber : Masking.maskedIDNumber(idNumber),
            phone: phone.map { revealed ? $0 : Masking.maskedPhone($0) },
            cardNumber: card.map { revealed ? $0 : Masking.maskedCardNumber($0) },
            sex: Sex(rawValue: record.sex)?.chinese ?? record.sex, birthDate: record.birthDate,
            age: birth.map { req.jiujinban.clock.today.completedYears(since: $0) },
            hukouName: try await DivisionNames.path(record.hukouDivisionCode, on: req.db),
            residenceName: try await DivisionNames.path(record.residenceDivisionCode, on: req.db),
            ethnicity: record.ethnicity, residenceAddress: address.map { revealed ? $0 : CitizenView.addressHidden },
            revealedUntil: revealedUntil.map { WallClockTime($0).time },
            importedFrom: record.importedFile.map { file in
                "来源：导入文件“\(file)”" + (record.importedAt.map { "，时间\(WallClockTime($0).description)" } ?? "")
            })
    }
}

/// `芮城县 古魏镇 太安村`: a division with its ancestors below the city, for pages.
enum DivisionNames {
    static func path(_ code: String, on db: any Database) async throws -> String {
        var chain: [String] = []
        var current = try? DivisionCode(code)
        while let division = current, division.depth >= 2 {
            chain.insert(division.value, at: 0)
            current = division.parent
        }
        guard !chain.isEmpty else { return "" }
        let rows = try await (db as! any SQLDatabase).raw(
            "SELECT code, name FROM divisions WHERE code IN (\(binds: chain))").all()
        var names: [String: String] = [:]
        for row in rows { names[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self) }
        return chain.map { names[$0] ?? $0 }.joined(separator: " ")
    }
}
