import Foundation
import JiujinbanRules
import Plot

/// The printed answers of items 33 and 36 (A4 portrait, app.css's print rules): the person masked, every value from
/// the ledger as stored, the bank account masked; the form that records the query as the item's case stays on
/// screen only.
enum LedgerQueryPages {
    static let schemes: [InsuranceScheme] = [.residentBasic, .residentSupplementary]

    /// 城乡居民养老保险人员缴费信息查询: per scheme, the enrolment, every year with its type, amounts and 到账, and the
    /// personal account by year.
    static func contributions(_ view: LedgerQueryView, context: PageContext) -> HTML {
        let ledger = view.ledger
        return page(view, title: "城乡居民养老保险缴费信息", context: context, content: .group(.forEach(schemes) { scheme in
            let enrolment = ledger.enrolment(scheme)
            let years = ledger.contributions.filter { $0.scheme == scheme }.sorted { ($0.year, $0.kind.rawValue) < ($1.year, $1.kind.rawValue) }
            let accounts = ledger.accounts.filter { $0.scheme == scheme }.sorted { $0.year < $1.year }
            let arrivedYears = Set(years.filter(\.arrived).map(\.year)).count
            return .section(
                .class("case-part"), .h2(.text(scheme.chinese)),
                .unwrap(enrolment, { enrolment in
                    .div(.class("facts"), .dl(
                        .dt("参保状态"), .dd(.text(enrolment.status.rawValue + "（\(enrolment.statusDate.iso)起）" + (enrolment.statusReason.map { "，\($0)" } ?? ""))),
                        .dt("参保日期"), .dd(.text(enrolment.enrolledOn.iso)),
                        .dt("缴费档次"), .dd(.text(enrolment.grade.map { "\($0)元/年" } ?? "—")),
                        .dt("累计到账缴费年限"), .dd(.text("\(arrivedYears)年"))))
                }, else: .p(.class("empty"), .text("未参加\(scheme.chinese)。"))),
                .if(!years.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("缴费年度"), .th("缴费类型"), .th("缴费档次"), .th("个人缴费"), .th("政府补贴"), .th("集体补助"),
                               .th("合计"), .th("到账情况"))),
                    .tbody(.forEach(years) { year in
                        .tr(.td(.text("\(year.year)")), .td(.text(year.kind.rawValue)), .td(.text(year.grade.map { "\($0)元" } ?? "—")),
                            .td(.class("number"), .text(yuan(year.personalFen))), .td(.class("number"), .text(yuan(year.subsidyFen))),
                            .td(.class("number"), .text(yuan(year.collectiveFen))),
                            .td(.class("number"), .text(yuan(year.personalFen + year.subsidyFen + year.collectiveFen))),
                            .td(.text(year.arrived ? "已到账" + (year.arrivedOn.map { "（\($0.iso)）" } ?? "") : "未到账")))
                    }))),
                .if(enrolment != nil && years.isEmpty, .p(.class("empty"), .text("暂无缴费记录。"))),
                .if(!accounts.isEmpty, .group(
                    .h3("个人账户"),
                    .table(.class("data-table"),
                           .thead(.tr(.th("年度"), .th("年初余额"), .th("当年记入"), .th("当年利息"), .th("年末余额"))),
                           .tbody(.forEach(accounts) { year in
                               .tr(.td(.text("\(year.year)")), .td(.class("number"), .text(yuan(year.openingFen))),
                                   .td(.class("number"), .text(yuan(year.creditedFen))), .td(.class("number"), .text(yuan(year.interestFen))),
                                   .td(.class("number"), .text(yuan(year.closingFen))))
                           })))))
        }))
    }

    /// 城乡居民养老保险待遇发放记录查询: per scheme drawn, the entitlement with this month's composition, then every
    /// payment with its bank (account masked), result and failure reason.
    static func payments(_ view: LedgerQueryView, context: PageContext) -> HTML {
        let ledger = view.ledger
        let month = PensionMonth(containing: view.today).description
        return page(view, title: "城乡居民养老保险待遇发放记录", context: context, content: .group(
            .if(ledger.entitlements.isEmpty, .p(.class("empty"), .text("该群众没有城乡居民养老保险待遇记录。"))),
            .forEach(ledger.entitlements.sorted { $0.scheme.rawValue > $1.scheme.rawValue }) { entitlement in
                let current = ledger.payments.first { $0.scheme == entitlement.scheme && $0.month == month }
                return .section(
                    .class("case-part"), .h2(.text(entitlement.scheme.chinese + "待遇")),
                    .div(.class("facts"), .dl(
                        .dt("待遇状态"), .dd(.text(entitlement.status.rawValue + "（\(entitlement.statusDate.iso)起）" + (entitlement.statusReason.map { "，\($0)" } ?? ""))),
                        .dt("待遇开始月份"), .dd(.text(entitlement.startMonth)),
                        .dt("\(month)发放"), .dd(.text(current.map { "\(yuan($0.amountFen))，\($0.resultText)" + ($0.failureReason.map { "：\($0)" } ?? "") }
                                                      ?? "本月尚未发放")))),
                    .h3(.text("当前月待遇项目组成明细（\(month)）")),
                    .table(.class("data-table"),
                           .thead(.tr(.th("待遇项目"), .th("金额（元/月）"))),
                           .tbody(.forEach(composition(entitlement, month: view.monthAmounts[entitlement.scheme])) {
                                      .tr(.td(.text($0.0)), .td(.class("number"), .text(yuan($0.1))))
                                  },
                                  .tr(.th("月待遇合计"), .td(.class("number"), .strong(.text(yuan(view.monthAmounts[entitlement.scheme]?.fen
                                                                                                   ?? entitlement.monthlyFen))))))),
                    .forEach(monthNotes(entitlement, month: view.monthAmounts[entitlement.scheme])) { .p(.class("hint"), .text($0)) })
            },
            .if(!ledger.payments.isEmpty, .section(
                .class("case-part"), .h2("发放记录"),
                .table(.class("data-table"),
                       .thead(.tr(.th("发放月份"), .th("险种"), .th("金额"), .th("开户银行"), .th("银行账号"), .th("发放结果"), .th("失败原因"))),
                       .tbody(.forEach(ledger.payments) { payment in
                           .tr(.td(.text(payment.month)), .td(.text(payment.scheme.chinese)), .td(.class("number"), .text(yuan(payment.amountFen))),
                               .td(.text(payment.bank)), .td(.class("code"), .text(payment.maskedAccount)),
                               .td(payment.result == .failed ? .strong(.text(payment.resultText)) : .text(payment.resultText)),
                               .td(.text(payment.failureReason ?? "")))
                       })))),
            .if(!ledger.entitlements.isEmpty && ledger.payments.isEmpty, .p(.class("empty"), .text("暂无发放记录。")))))
    }

    /// The entitlement's parts as stored: the basic pension's parts, the account part, the 出口补 by age band and the
    /// 集体出口补, each its own line; zero parts left out.
    /// With the month's amount (`MonthComposition`), its parts: the figures in force this month, as the payment run
    /// pays them; without one, the parts as awarded.
    static func composition(_ entitlement: InsuranceLedgerView.Entitlement, month: MonthlyRerating.Amount? = nil) -> [(String, Int64)] {
        let parts = month?.parts ?? MonthlyRerating.Composition(
            centralFen: entitlement.basicCentralFen, provincialFen: entitlement.basicProvincialFen, countyFen: entitlement.basicCountyFen,
            extraFen: entitlement.basicExtraFen, accountFen: entitlement.accountFen, exitSubsidyFen: entitlement.exitSubsidyFen,
            collectiveExitFen: entitlement.collectiveExitFen)
        return [("中央基础养老金", parts.centralFen), ("省级基础养老金", parts.provincialFen),
                ("县级基础养老金", parts.countyFen), ("长缴多得加发", parts.extraFen),
                (entitlement.scheme == .residentSupplementary ? SupplementaryBenefit.accountPension : BasicBenefit.accountPension, parts.accountFen),
                (SupplementaryBenefit.exitSubsidy, parts.exitSubsidyFen),
                (SupplementaryBenefit.collectiveExitSubsidy, parts.collectiveExitFen)].filter { $0.1 != 0 }
    }

    /// Said under the month's composition: a change from the amount awarded, and the figures a change waits for.
    static func monthNotes(_ entitlement: InsuranceLedgerView.Entitlement, month: MonthlyRerating.Amount?) -> [String] {
        guard let month else { return [] }
        var notes: [String] = []
        if month.isRerated {
            notes.append("按本月执行的政策参数计算；核定时月待遇为\(yuan(entitlement.monthlyFen))。")
        }
        if !month.waiting.isEmpty {
            notes.append("政策参数" + month.waiting.map { "“" + $0.definition.name + "”" }.joined(separator: "、")
                         + "的新标准待核实，本月暂按原标准计发，业务管理员确认后按新标准发放。")
        }
        return notes
    }

    static func yuan(_ fen: Int64) -> String { Fen.yuan(Int(fen)) }

    static func page(_ view: LedgerQueryView, title: String, context: PageContext, content: Node<HTML.BodyContext>) -> HTML {
        PageShell.render(
            title: title, context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: view.maskedName, url: .citizen(id: view.citizenID)), Crumb(label: title, url: nil)],
            content: [
                PrintButton.node("打印查询结果"),
                .div(.class("facts"), .dl(.dt("参保人"), .dd(.text(view.maskedName)), .dt("身份证号码"), .dd(.class("code"), .text(view.maskedIDNumber)),
                                          .dt("查询日期"), .dd(.text(view.today.iso)))),
                content,
                .if(view.mayRecordQuery, .form(
                    .class("form no-print"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                    .input(.type(.hidden), .name("citizen"), .value(view.citizenID.uuidString.lowercased())),
                    .input(.type(.hidden), .name("item"), .value(String(view.querySeq))),
                    .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                    .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                                 .text(" 已核验材料：需携带本人身份证或社保卡"))),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("办结本次查询（出具受理回执）"))))),
            ])
    }
}
