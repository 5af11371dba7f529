import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Property tests over generated bad input (S22): whatever one field holds, a form that is wrong in it is refused
/// with 422 (never 500), the refusal names that field in Chinese, what was typed is shown back escaped, and
/// nothing is written.
@Suite("Generated bad input is refused field by field, never half-written (S22)")
struct BadInputPropertyTests {
    static let casesPerForm = 150

    /// Rows of every table the two forms (and their audit) could write.
    func rowCounts(_ app: Application) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["service_points", "staff_persons", "staff_accounts", "account_grants", "audit_log"] {
            counts[table] = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table)")
                .first()?.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// The response refuses exactly as S22 asks, for `badCase`.
    func checkRefusal(_ res: TestingHTTPResponse, _ badCase: BadInputs.Case) {
        #expect(res.status == .unprocessableEntity, "\(badCase)")
        let html = res.text
        #expect(html.contains("class=\"field field-invalid\"><label for=\"\(badCase.field)\""), "field not marked: \(badCase)")
        let message = html.firstMatch(of: try! Regex("<a href=\"#\(badCase.field)\">([^<]*)</a>"))?.output[1].substring
        #expect(badCase.names.contains { message?.contains($0) == true }, "message \(message ?? "none") for \(badCase)")
        if badCase.value.contains("<") || badCase.value.contains("\"") {
            #expect(!html.contains(badCase.value), "shown back unescaped: \(badCase)")
        }
        for marker in ["<script>alert", "<img src=x", "<svg onload", "<a href=\"javascript"] {
            #expect(!html.contains(marker), "\(marker) in the page: \(badCase)")
        }
    }

    @Test("the service-point form", arguments: [UInt64(0x5EED_0022), 0x5EED_2026])
    func servicePointForm(seed: UInt64) async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await rowCounts(app)
            var generator = BadInputs(seed: seed)
            for _ in 0..<Self.casesPerForm {
                let badCase = generator.servicePointCase()
                let fields = AuditTests.pointFields.map { $0.0 == badCase.field ? ($0.0, badCase.value) : $0 }
                try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders,
                                             body: strictFormBody(fields + [(SessionMiddleware.csrfField, admin.csrf)])) { res in
                    checkRefusal(res, badCase)
                }
            }
            let after = try await rowCounts(app)
            #expect(after == before)
            // The unspoiled form is accepted, so every refusal above was for the spoiled field.
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders,
                                         body: strictFormBody(AuditTests.pointFields + [(SessionMiddleware.csrfField, admin.csrf)])) { res in
                #expect(res.status == .seeOther)
            }
        }
    }

    @Test("the account form of the county system administrator", arguments: [UInt64(0xACC0_0022), 0xACC0_2026])
    func accountForm(seed: UInt64) async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$kind == "village").first())
            let good = [("name", "买买提・艾力"), ("id_number", TestIdentity.idNumber(birth: "19880214", sequence: 517)),
                        ("phone", "+86 139 1234 5678"), ("post", "operator"), ("unit", "sp:\(try point.requireID().uuidString)")]
            let before = try await rowCounts(app)
            var generator = BadInputs(seed: seed)
            for _ in 0..<Self.casesPerForm {
                let badCase = generator.accountCase()
                let fields = good.map { $0.0 == badCase.field ? ($0.0, badCase.value) : $0 }
                try await app.testing().test(.POST, "/accounts", headers: admin.formHeaders,
                                             body: strictFormBody(fields + [(SessionMiddleware.csrfField, admin.csrf)])) { res in
                    checkRefusal(res, badCase)
                }
            }
            let after = try await rowCounts(app)
            #expect(after == before)
            try await app.testing().test(.POST, "/accounts", headers: admin.formHeaders,
                                         body: strictFormBody(good + [(SessionMiddleware.csrfField, admin.csrf)])) { res in
                #expect(res.status == .seeOther, "\(res.text.prefix(500))")
            }
            // Stored normalised: the middle dot unified, the phone as 11 digits.
            let person = try #require(try await StaffPerson.query(on: app.db).filter(\.$name == "买买提·艾力").first())
            let phone = try app.jiujinban.cipher.open(person.phoneSealed, context: StaffCrypto.phoneContext)
            #expect(phone == "13912345678")
        }
    }

    @Test("the generators only make bad values: the pure rules refuse every one")
    func generatorsAreBad() {
        var generator = BadInputs(seed: 7)
        let today = CalendarDate(TestApp.fixedNow)
        for _ in 0..<2_000 {
            let id = generator.badIDNumber()
            #expect((try? ResidentIDNumber.parse(id.value, today: today).get()) == nil, "\(id)")
            let phone = generator.badPhone()
            #expect((try? MobilePhoneNumber.parse(phone.value).get()) == nil, "\(phone)")
            var errors = FieldErrors()
            let name = generator.badText(maxLength: PersonName.maximumLength, personName: true)
            _ = PersonName.validate(name.value, field: "name", into: &errors)
            #expect(errors.fields == ["name"], "\(name)")
            var textErrors = FieldErrors()
            let text = generator.badText(maxLength: 50, personName: false)
            _ = TextField.required(text.value, field: "name", label: "服务点名称", maxLength: 50, into: &textErrors)
            #expect(textErrors.fields == ["name"], "\(text)")
        }
    }
}
