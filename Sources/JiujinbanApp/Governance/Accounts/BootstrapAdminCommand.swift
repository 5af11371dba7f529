import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// `jiujinban bootstrap-admin --name … --id-number … --phone …`: creates the first province system administrator
/// (S01: no default accounts; the first admin comes from this one-time command). Refuses when one exists.
struct BootstrapAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "姓名") var name: String?
        @Option(name: "id-number", help: "身份证号码") var idNumber: String?
        @Option(name: "phone", help: "手机号码") var phone: String?
        @Option(name: "province", help: "省级区划代码（只有一个省时可省略）") var province: String?
    }

    var help: String { "创建首个省级系统管理员账号（已有则拒绝）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let name = signature.name.map(TextField.clean), !name.isEmpty, name.count <= 20 else {
            throw PublicError(.badRequest, "--name：请填写姓名（不超过20个字）")
        }
        let provinces = try await DivisionQueries.descendants(of: nil, level: .province, on: app.db)
        // An empty production database: the province comes from the division list first (README, production start).
        guard !provinces.isEmpty else {
            throw PublicError(.badRequest, "系统中还没有省级区划：请先用 jiujinban divisions import --file 区划.csv 导入统计用区划代码"
                + "（示例：\(DivisionsCommand.examplePath)）")
        }
        let chosen = signature.province.flatMap { raw in provinces.first { $0.code.hasPrefix(raw.trimmingCharacters(in: .whitespaces)) } }
        guard let province = chosen ?? (provinces.count == 1 ? provinces.first : nil),
              let provinceCode = province.divisionCode else {
            throw PublicError(.badRequest, "--province：请指定省级区划代码（现有：\(provinces.map(\.code).joined(separator: "、"))）")
        }
        let existing = try await AccountRecord.query(on: app.db)
            .filter(\.$post == Post.systemAdmin.rawValue)
            .filter(\.$unitKey == AccountRecord.key(of: .department(provinceCode)))
            .filter(\.$status != AccountStatus.deactivated.rawValue)
            .count()
        guard existing == 0 else { throw PublicError(.conflict, "\(province.name)已有系统管理员账号，引导命令只能使用一次") }
        do {
            let accountID = try await create(name: name, province: provinceCode, signature: signature, app: app)
            context.console.print("已创建\(province.name)系统管理员账号（\(accountID.uuidString.lowercased())），请使用电子社保卡扫码登录。")
        } catch let problem as StaffRegistry.Problem {
            throw PublicError(.badRequest, problem.description)
        }
    }

    private func create(name: String, province provinceCode: DivisionCode, signature: Signature, app: Application) async throws -> UUID {
        let services = app.jiujinban
        return try await services.writer.write(on: app.db) { db in
            let personID = try await StaffRegistry.person(
                name: name, idNumber: signature.idNumber ?? "", phone: signature.phone ?? "", isDemo: false,
                today: services.clock.today, cipher: services.cipher, on: db)
            // The first administrator is normally nobody's second account; if the person holds one, the same rule
            // as everywhere refuses (`PersonPosts`), and the transaction leaves nothing behind.
            let subject = AccountSubject(personID: personID, post: .systemAdmin, unit: .department(provinceCode))
            let held = try await PersonAccounts.held(ofPerson: personID, on: db)
            if let refusal = SeparationOfDuties.check(subject, route: .bootstrap, otherAccountsOfPerson: held).refusal {
                throw PublicError(.conflict, refusal.message)
            }
            let account = AccountRecord(personID: personID, post: .systemAdmin, unit: .department(provinceCode),
                                        createdAt: services.clock.now())
            try await account.create(on: db)
            try await AuditTrail.record(
                AuditEvent("account.bootstrap", objectType: "account", objectID: try account.requireID().uuidString,
                           detail: "引导创建省级系统管理员"),
                by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
            return try account.requireID()
        }
    }
}
