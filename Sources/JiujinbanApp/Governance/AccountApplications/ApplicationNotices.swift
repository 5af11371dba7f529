import Fluent
import Foundation
import JiujinbanRules

/// Who is told what after each step: the next people to act, and the applicant when the outcome is known
/// (article 8: 完成后及时通知申请人).
enum ApplicationNotices {
    static func after(
        _ action: AccountApplication.Action?, _ application: AccountApplication, loaded: LoadedApplication?,
        id: UUID, at now: Date, on db: any Database
    ) async throws {
        let number = application.number.text
        let link = SiteURL.accountApplication(id: id)
        let deciding = OrgUnit.department(application.decidingDepartment)
        func tell(_ accounts: [UUID], _ title: String, _ body: String) async throws {
            try await Notifier.notify(accounts, title: title, body: body, link: link, at: now, on: db)
        }
        switch (action, application.state) {
        case (nil, _):
            // Filed: the county decides an operator application, the city first collects a county's.
            if application.flow == .operatorAccounts {
                try await tell(try await Notifier.accounts(holding: [.systemAdmin, .businessAdmin], in: deciding, on: db),
                               "待审核：用户申请（变更）单\(number)", "\(loaded?.applicantName ?? "基层服务点")提交了账号申请，请审核。")
            } else if let city = application.applicant.city {
                try await tell(try await Notifier.accounts(holding: [.cityOfficer], in: .department(city), on: db),
                               "待汇总报送：用户申请（变更）单\(number)", "县级人社部门提交了系统管理员、业务管理员账号申请，请汇总后报送省级。")
            }
        case (.forward?, _):
            try await tell(try await Notifier.accounts(holding: [.systemAdmin, .businessAdmin], in: deciding, on: db),
                           "待审核：用户申请（变更）单\(number)", "市级人社部门已汇总报送，请审核。")
        case (.approve?, _), (.carryOut?, .partlyCarriedOut):
            let waiting = application.requiredParts.subtracting(application.carriedOut).map(\.post)
            try await tell(try await Notifier.accounts(holding: Set(waiting), in: deciding, on: db),
                           "待办理：用户申请（变更）单\(number)", "申请已同意，请按申请办理\(waitingLabel(application))。")
        case (_, let state) where state.notifiesApplicant:
            let body = state == .done
                ? "您单位的用户申请（变更）单已办结：\(loaded?.content.summary ?? "")。"
                : "您单位的用户申请（变更）单未获同意。意见：\(application.decisionComment ?? "无")"
            try await tell([application.filedByAccount], "申请单\(number)\(state.label)", body)
        default:
            break
        }
    }

    private static func waitingLabel(_ application: AccountApplication) -> String {
        application.requiredParts.subtracting(application.carriedOut)
            .sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "、")
    }
}
