import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Vapor
import VaporTesting

/// A signed-in browser for tests: a real session row for a demonstration account, its cookie and CSRF token.
/// (The QR login itself is proven end to end in LoginTests.)
struct TestSession {
    let token: String
    let csrf: String
    let accountID: UUID

    /// The cookie, and the Host and Origin a browser sends with every request from one of the site's pages (S09).
    var headers: HTTPHeaders { sessionHeaders(token) }

    var formHeaders: HTTPHeaders {
        var headers = self.headers
        headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
        return headers
    }

    /// The form fields plus the session's anti-forgery token, as a page would send them.
    func form(_ fields: [(String, String)]) -> ByteBuffer {
        formBody(fields + [(SessionMiddleware.csrfField, csrf)])
    }
}

enum DemoRole {
    case provinceSystemAdmin, provinceBusinessAdmin, taskForce, provinceAuditor, cityOfficer
    case countySystemAdmin, countyBusinessAdmin, reviewer, expert
    case townshipOperator, villageOperator, communityOperator, bankOperator

    var member: DemoStaff.Member {
        let index: Int = switch self {
        case .provinceSystemAdmin: 0
        case .provinceBusinessAdmin: 1
        case .taskForce: 2
        case .provinceAuditor: 3
        case .cityOfficer: 4
        case .countySystemAdmin: 5
        case .countyBusinessAdmin: 6
        case .reviewer: 7
        case .expert: 8
        case .townshipOperator: 9
        case .villageOperator: 10
        case .communityOperator: 11
        case .bankOperator: 12
        }
        return DemoStaff.members[index]
    }

    /// The kind of unit the demonstration account sits in, for rules that depend on it (the point's id is not
    /// stored here: none of them reads it).
    func unit() throws -> OrgUnit {
        switch member.place {
        case .province: .department(try DivisionCode(DemoStaff.province))
        case .city: .department(try DivisionCode(DemoStaff.city))
        case .county: .department(try DivisionCode(DemoStaff.county))
        case .point(let code, let kind): .servicePoint(id: UUID(), kind: kind, divisionCode: try DivisionCode(code))
        }
    }
}

extension Application {
    /// Signs in as a demonstration account by creating its session directly.
    func session(as role: DemoRole) async throws -> TestSession {
        let index = jiujinban.cipher.blindIndex(role.member.idNumber, context: StaffCrypto.idNumberContext)
        guard let person = try await StaffPerson.query(on: db).filter(\.$idNumberIndex == index).first(),
              let account = try await AccountRecord.query(on: db).filter(\.$personID == person.requireID()).first() else {
            throw Abort(.internalServerError, reason: "demo account missing")
        }
        return try await sessionFor(accountID: try account.requireID())
    }

    /// A signed-in session of any stored account.
    func sessionFor(accountID: UUID) async throws -> TestSession {
        let token = SessionToken.generate(), csrf = SessionToken.generate()
        try await SessionRecord(tokenHash: SessionToken.digest(token), accountID: accountID, csrfToken: csrf,
                                now: jiujinban.clock.now(), ip: "127.0.0.1").create(on: db)
        return TestSession(token: token, csrf: csrf, accountID: accountID)
    }
}

extension Application {
    /// The hidden markers of an account's permission form as the account page draws them for `session` (the boxes
    /// it shows), to send with the ticked boxes as a browser would.
    func grantsFormMarkers(_ session: TestSession, account: UUID) async throws -> [(String, String)] {
        var html = ""
        try await testing().test(.GET, "/accounts/\(account.uuidString.lowercased())", headers: session.headers) { res in html = res.body.string }
        return [AccountsController.grantsShownMarker, AccountsController.areasShownMarker].compactMap { name in
            // An empty value is left out of the markup; a browser still sends the field, empty.
            html.firstMatch(of: try! Regex<(Substring, Substring?)>(#"name="\#(name)"(?: value="([^"]*)")?"#)).map { (name, String($0.1 ?? "")) }
        }
    }
}

extension Application {
    /// The township's monthly entry form as a browser sends it: every point's note as the page shows it and the boxes
    /// it shows ticked, with `changes` applied on top (a field named again replaces the page's value).
    func entryForm(_ session: TestSession, _ changes: [(String, String)]) async throws -> [(String, String)] {
        let month = changes.first { $0.0 == "month" }?.1 ?? "2026-11"
        var html = ""
        try await testing().test(.GET, "/reports/monthly/entry?month=\(month)", headers: session.headers) { res in html = res.body.string }
        func unescaped(_ text: Substring) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        // An empty value is left out of the markup; a browser still sends the field, empty.
        var page: [(String, String)] = html.matches(of: /name="(note_[0-9A-F-]+)"(?: value="([^"]*)")?/)
            .map { (String($0.1), $0.2.map(unescaped) ?? "") }
        page += html.matches(of: /name="(publicity_[0-9A-F-]+)" value="1"[^>]*checked/).map { (String($0.1), "1") }
        let named = Set(changes.map(\.0))
        return page.filter { !named.contains($0.0) } + changes
    }
}
