import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Steps of the application workflow as the browser sends them.
extension Application {
    /// Files an application as `session`; returns its id, or nil when the filing was refused (with the status).
    func fileApplication(_ session: TestSession, _ fields: [(String, String)]) async throws -> (HTTPStatus, UUID?) {
        var result: (HTTPStatus, UUID?) = (.ok, nil)
        try await testing().test(.POST, "/account-applications", headers: session.formHeaders, body: session.form(fields)) { res in
            let location = res.headers.first(name: .location) ?? ""
            result = (res.status, UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        }
        return result
    }

    /// Posts one workflow step (`withdraw`, `forward`, `decide`, `carry-out`); returns the status and the body.
    func applicationStep(_ session: TestSession, _ id: UUID, _ step: String, _ fields: [(String, String)] = []) async throws
        -> (HTTPStatus, String)
    {
        var result: (HTTPStatus, String) = (.ok, "")
        try await testing().test(.POST, "/account-applications/\(id.uuidString.lowercased())/\(step)", headers: session.formHeaders,
                                 body: session.form(fields)) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    func applicationState(_ id: UUID) async throws -> String? {
        try await AccountApplicationRecord.find(id, on: db)?.state
    }

    func getPage(_ session: TestSession, _ path: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await testing().test(.GET, path, headers: session.headers) { res in result = (res.status, res.body.string) }
        return result
    }
}

enum ApplicationFixtures {
    static let newOperatorID = "140830199506150019"
    static let newOperatorPhone = "13903590099"

    static func contact() -> [(String, String)] { [("contact_name", "褚卫东"), ("contact_phone", "13903590011")] }

    /// Row `index` asking for a new account.
    static func newAccount(_ index: Int, name: String = "新操作员", idNumber: String = newOperatorID,
                           phone: String = newOperatorPhone, post: String = "operator") -> [(String, String)] {
        [("items[\(index)][kind]", "new_account"), ("items[\(index)][name]", name), ("items[\(index)][id_number]", idNumber),
         ("items[\(index)][phone]", phone), ("items[\(index)][post]", post)]
    }

    static func change(_ index: Int, _ kind: String, account: UUID, grants: [String] = []) -> [(String, String)] {
        [("items[\(index)][kind]", kind), ("items[\(index)][account]", account.uuidString.lowercased())]
            + grants.map { ("items[\(index)][grants][]", $0) }
    }
}
