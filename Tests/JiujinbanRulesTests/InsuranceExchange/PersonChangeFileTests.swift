import Foundation
@testable import JiujinbanRules
import Testing

/// Issue 23: item 30's changes go to the core system in a file of their own, and are never loaded.
@Suite("person-change file: one line per changed field, before and after; an outbound-only kind")
struct PersonChangeFileTests {
    @Test("a line fills the record's cells and the field's two values; sex as 男/女, a value not recorded as empty")
    func lines() {
        let cells = ["record_id": "r", "row": "2", "case_number": "N1", "id_number": "140830199001011232", "field": "ignored", "extra": "x"]
        let sex = PersonChangeFile.line(cells, field: .sex, before: "female", after: "male")
        #expect(sex.count == PersonChangeFile.header.count)
        let named = Dictionary(uniqueKeysWithValues: zip(PersonChangeFile.header, sex))
        #expect(named["format_version"] == "1" && named["record_id"] == "r" && named["row"] == "2" && named["case_number"] == "N1")
        #expect(named["field"] == "sex" && named["before"] == "女" && named["after"] == "男" && named["name"] == "")
        let address = PersonChangeFile.line(cells, field: .residenceAddress, before: nil, after: "古魏镇太安村三组15号")
        #expect(Array(address.suffix(3)) == ["residence_address", "", "古魏镇太安村三组15号"])
    }

    @Test("the returned case's note names the kept fields in the form's order, and there is none when all came back")
    func keptNote() {
        #expect(PersonChangeFile.keptNote([]) == nil)
        #expect(PersonChangeFile.keptNote([.phone, .ethnicity]) == "；民族、联系电话已在此后被其他办件变更，保留新值，未恢复")
    }

    @Test("the import refuses the kind whatever its header, and the importable kinds are the four the ledger loads")
    func outboundOnly() {
        #expect(ExchangeKind.importable == [.enrolments, .contributions, .entitlements, .payments])
        guard case .failure(let problems) = ExchangeFormat.header(PersonChangeFile.header, kind: .personChanges) else {
            Issue.record("a person-change file was accepted for import")
            return
        }
        #expect(problems.problems.map(\.text) == ["第1行 format_version：人员信息变更只由本平台发往核心系统，不能导入台账"])
        #expect(PersonChangeField.allCases.filter(\.isPersonalData) == [.residenceAddress, .phone])
    }
}
