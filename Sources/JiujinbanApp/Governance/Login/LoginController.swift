import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 扫码登录 (article 7): the login page with its QR code, the status the page polls, completing the login,
/// choosing among several accounts, logging out.
enum LoginController {
    static func register(_ app: Application) {
        app.get(.login, .anonymous, use: page)
        app.get(.loginStatus(ticket: ""), .anonymous, use: status)
        app.get(.loginScan(ticket: ""), .anonymous, use: scanInfo)
        app.post(.loginComplete, .anonymous, use: complete)
        app.post(.loginChoose, .anonymous, use: choose)
        app.post(.cardCallback, .anonymous, bodyLimit: BodyLimit.cardCallback, use: CardCallback.receive)
        app.post(.logout, .signedIn, use: logout)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        if req.staff != nil { return HTMLResponse.seeOther(.home) }
        let browser = req.cookies[SessionIssuer.browserCookie]?.string ?? SessionToken.generate()
        let ticket = LoginTicket.generateID()
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            try await LoginTicketRecord(ticketHash: SessionToken.digest(ticket), browserHash: SessionToken.digest(browser), now: now)
                .create(on: db)
        }
        let scanURL = origin(of: req) + SiteURL.loginScan(ticket: ticket).path
        let qr = try QRCode(text: scanURL, errorCorrection: .medium)
        let model = LoginPage.Model(
            ticket: ticket, qrSVG: qr.svg(moduleSize: 5, title: "电子社保卡扫码登录二维码"),
            simulatorURL: req.jiujinban.configuration.isProduction ? nil : .cardSimulator(ticket: ticket),
            message: nil)
        let response = HTMLResponse.make(LoginPage.render(model, context: PageContext(req)))
        response.cookies[SessionIssuer.browserCookie] = SessionIssuer.sessionCookie(
            browser, secure: req.jiujinban.configuration.secureCookies)
        return response
    }

    struct TicketStatus: Content {
        let state: String
    }

    /// Polled by the login page: waiting, confirmed, expired or consumed. Only for the browser the ticket belongs to.
    @Sendable static func status(_ req: Request) async throws -> TicketStatus {
        guard let ticket = try? req.query.get(String.self, at: "ticket"),
              let browser = req.cookies[SessionIssuer.browserCookie]?.string,
              let record = try await LoginTicketRecord.find(SessionToken.digest(ticket), on: req.db),
              SessionToken.matches(record.browserHash, SessionToken.digest(browser)) else {
            return TicketStatus(state: "unknown")
        }
        switch LoginTicket.state(createdAt: record.createdAt, consumedAt: record.consumedAt, now: req.jiujinban.clock.now()) {
        case .consumed: return TicketStatus(state: "consumed")
        case .expired: return TicketStatus(state: "expired")
        case .fresh: return TicketStatus(state: record.confirmedAt == nil ? "waiting" : "confirmed")
        }
    }

    struct TicketForm: Content {
        var ticket: String?
        var account_id: String?
    }

    @Sendable static func complete(_ req: Request) async throws -> Response {
        let form = try req.content.decode(TicketForm.self)
        let ticket = try await SessionIssuer.confirmedTicket(form.ticket ?? "", on: req)
        let accounts = try await accountsOfTicket(ticket, on: req)
        switch accounts.count {
        case 0:
            try await SessionIssuer.refuse(req, "login.no_account", detail: "扫码人没有账号", subject: ticket.confirmedPersonIndex)
            throw PublicError(.forbidden, "您还没有本系统的账号；请所在单位填写《用户申请（变更）单》申请")
        case 1:
            return try await SessionIssuer.signIn(ticket: ticket, accountID: accounts[0].account.id, on: req)
        default:
            let page = ChooseAccountPage.render(ticket: form.ticket ?? "", accounts: accounts, context: PageContext(req))
            return HTMLResponse.make(page)
        }
    }

    @Sendable static func choose(_ req: Request) async throws -> Response {
        let form = try req.content.decode(TicketForm.self)
        let ticket = try await SessionIssuer.confirmedTicket(form.ticket ?? "", on: req)
        let accounts = try await accountsOfTicket(ticket, on: req)
        guard let chosen = form.account_id.flatMap(UUID.init(uuidString:)),
              accounts.contains(where: { $0.account.id == chosen }) else {
            try await SessionIssuer.refuse(req, "login.foreign_account", detail: "所选账号不属于扫码人",
                                           subject: ticket.confirmedPersonIndex)
            throw PublicError(.forbidden, "所选账号不属于扫码人")
        }
        return try await SessionIssuer.signIn(ticket: ticket, accountID: chosen, on: req)
    }

    @Sendable static func logout(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try await req.write { db in
            try await SessionRecord.query(on: db).filter(\.$id == staff.sessionHash).delete()
            try await req.audit(AuditEvent("logout", objectType: "account", objectID: staff.account.id.uuidString), on: db)
        }
        let response = HTMLResponse.seeOther(.login, notice: LoginNotices.signedOut, on: req)
        response.cookies[SessionMiddleware.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0),
                                                                          path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable static func scanInfo(_ req: Request) async throws -> Response {
        HTMLResponse.make(LoginPage.scanInfo(context: PageContext(req)))
    }

    /// The live accounts of the person who scanned, with their unit names, for completing or choosing.
    static func accountsOfTicket(_ ticket: LoginTicketRecord, on req: Request) async throws -> [ChooseAccountPage.Choice] {
        guard let index = ticket.confirmedPersonIndex,
              let person = try await StaffPerson.query(on: req.db).filter(\.$idNumberIndex == index).first(),
              let personID = person.id else { return [] }
        var choices: [ChooseAccountPage.Choice] = []
        for account in try await StaffDirectory.liveAccounts(ofPerson: personID, on: req.db) {
            choices.append(.init(account: account, unitName: try await StaffDirectory.unitName(account.unit, on: req.db)))
        }
        return choices
    }

    /// `http://host:port` as the browser addressed this server, for the URL inside the QR code.
    static func origin(of req: Request) -> String {
        let scheme = req.jiujinban.configuration.secureCookies ? "https" : "http"
        return "\(scheme)://\(req.headers.first(name: .host) ?? "127.0.0.1:8080")"
    }
}
