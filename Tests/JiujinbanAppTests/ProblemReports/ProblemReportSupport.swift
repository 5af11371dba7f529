import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

extension Application {
    /// Files a report as a URL-encoded form; returns the status and the new report's id.
    func fileProblem(_ session: TestSession, category: String, area: String, description: String = "点击保存后页面空白，数据没有保存",
                     suggestion: String = "", key: UUID = UUID()) async throws -> (HTTPStatus, UUID?, String) {
        var result: (HTTPStatus, UUID?, String) = (.ok, nil, "")
        let fields = [("category", category), ("area", area), ("description", description), ("suggestion", suggestion),
                      ("submission", key.uuidString.lowercased())]
        try await testing().test(.POST, "/problems", headers: session.formHeaders, body: session.form(fields)) { res in
            let location = res.headers.first(name: .location) ?? ""
            result = (res.status, UUID(uuidString: String(location.split(separator: "/").last ?? "")), res.body.string)
        }
        return result
    }

    /// Posts an action on a report; returns the status and the page.
    func problemAction(_ session: TestSession, _ id: UUID, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await testing().test(.POST, "/problems/\(id.uuidString.lowercased())/actions", headers: session.formHeaders,
                                 body: session.form(fields)) { res in result = (res.status, res.body.string) }
        return result
    }

    func problem(_ id: UUID) async throws -> ProblemReportRecord { try #require(try await ProblemReportRecord.find(id, on: db)) }

    func accountID(of role: DemoRole) async throws -> UUID { try await session(as: role).accountID }

    func notifications(of account: UUID) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: db).filter(\.$accountID == account).all()
    }

    /// Makes Ruicheng's responsibility list name the demonstration expert for `areas` and nobody else, directly.
    func nameExpert(for areas: [BusinessArea]) async throws {
        let expert = try await accountID(of: .expert)
        try await ResponsibilityRecord.query(on: db).delete()
        for area in areas {
            try await ResponsibilityRecord(county: try DivisionCode("140830000000"), area: area, accountID: expert,
                                           at: jiujinban.clock.now()).create(on: db)
        }
    }

    /// An account made directly for a test, in any unit.
    func makeAccount(_ post: Post, unit: OrgUnit, idNumber: String, phone: String) async throws -> TestSession {
        let personID = try await StaffRegistry.person(name: "测试\(post.label)", idNumber: idNumber, phone: phone, isDemo: false,
                                                      today: jiujinban.clock.today, cipher: jiujinban.cipher, on: db)
        let account = AccountRecord(personID: personID, post: post, unit: unit, createdAt: jiujinban.clock.now(), roleAssociatedBy: UUID())
        try await account.create(on: db)
        return try await sessionFor(accountID: try account.requireID())
    }
}

/// A multipart body as a browser sends the report form with files.
struct MultipartForm {
    let boundary = "----jjbtest\(UUID().uuidString.prefix(8))"
    var body = ByteBuffer()

    mutating func field(_ name: String, _ value: String) {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    mutating func file(_ name: String, filename: String, type: String, bytes: [UInt8]) {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n")
    }

    func finished() -> ByteBuffer {
        var done = body
        done.writeString("--\(boundary)--\r\n")
        return done
    }

    func headers(_ session: TestSession) -> HTTPHeaders {
        var headers = session.headers
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return headers
    }
}

enum ProblemFixtures {
    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
