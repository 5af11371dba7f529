import Foundation
@testable import JiujinbanApp
import SQLKit
import Vapor

/// What an audit row says about its object: the object's id (a division for a search) and the detail.
struct AuditedObject: Equatable, CustomStringConvertible {
    let object: String?
    let detail: String

    init(_ object: String?, _ detail: String) {
        self.object = object
        self.detail = detail
    }

    var description: String { "\(object ?? "nil") \(detail)" }
}

/// The rows of one action, oldest first.
func auditedObjects(_ action: String, on app: Application) async throws -> [AuditedObject] {
    let sql = app.db as! any SQLDatabase
    return try await sql.select().column("object_id").column("detail").from("audit_log").where("action", .equal, SQLBind(action))
        .orderBy("seq").all()
        .map { AuditedObject(try $0.decode(column: "object_id", as: String?.self), try $0.decode(column: "detail", as: String.self)) }
}
