import Foundation
import JiujinbanRules
import Plot

/// 办事群众查询: one field, focused, that a card reader can type into.
enum CitizenLookupPage {
    static func render(idNumber: String?, errors: FieldErrors, context: PageContext) -> HTML {
        PageShell.render(
            title: "办事群众", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "办事群众", url: nil)],
            content: [
                .p(.class("lead"), .text("输入或刷身份证读取身份证号码，打开此人的全部办件；未登记的群众随后登记。")),
                startingItemNote(context),
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.citizenLookup.path), .csrf(context), keepItem(context),
                      FormFields.text("id_number", label: "身份证号码", value: idNumber, errors: errors,
                                      hint: "18位（15位旧号码自动转换）；末位X大小写均可", maxLength: 40),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("查询")))),
            ])
    }

    /// What the search was started for (服务指南 → 受理): the item's form opens once the person is found or registered.
    static func startingItemNote(_ context: PageContext) -> Node<HTML.BodyContext> {
        .unwrap(context.startingItem) { item in
            .p(.class("notice"), .attribute(named: "role", value: "status"),
               .text("受理：第\(item.seq)项 \(item.name)。查到或登记办事群众后，直接打开该事项的受理表单。"))
        }
    }

    /// Keeps the item through the search's forms.
    static func keepItem(_ context: PageContext) -> Node<HTML.FormContext> {
        .unwrap(context.startingItem) { .input(.type(.hidden), .name("item"), .value(String($0.seq))) }
    }
}

/// 登记办事群众: the facts the registry keeps; sex and birth date come from the ID number.
enum CitizenFormPage {
    /// The divisions of the user's county, for the two selects, grouped by township: the county, townships, villages
    /// and communities for the household registration, the villages and communities for the residence.
    struct Choices: Sendable {
        let hukou: GroupedChoices
        let residence: GroupedChoices
    }

    static func render(draft: CitizenDraft, errors: FieldErrors, notice: String?, choices: Choices, context: PageContext) -> HTML {
        let ethnicities = Ethnicity.all.map { FormFields.Option(value: $0, label: $0) }
        return PageShell.render(
            title: "登记办事群众", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: "登记", url: nil)],
            content: [
                .unwrap(notice) { .p(.class("lead"), .text($0)) },
                FormFields.errorSummary(errors),
                CitizenLookupPage.startingItemNote(context),
                .form(.class("form"), .method(.post), .action(SiteURL.registerCitizen.path), .csrf(context),
                      CitizenLookupPage.keepItem(context),
                      FormFields.text("id_number", label: "身份证号码", value: draft.idNumber, errors: errors, maxLength: 40),
                      FormFields.text("name", label: "姓名", value: draft.name, errors: errors, maxLength: CitizenDraft.maximumNameLength),
                      FormFields.text("phone", label: "手机号码", value: draft.phone, errors: errors, maxLength: 20, inputMode: "tel",
                                      required: false),
                      FormFields.select("hukou_division", label: "户籍所在地", choices: choices.hukou, selected: draft.hukouDivision,
                                        errors: errors, filter: "输入乡镇、村或社区名称筛选"),
                      FormFields.select("residence_division", label: "居住地（村、社区）", choices: choices.residence,
                                        selected: draft.residenceDivision, errors: errors, filter: "输入村或社区名称筛选"),
                      FormFields.select("ethnicity", label: "民族", options: ethnicities, selected: draft.ethnicity ?? "汉族",
                                        errors: errors),
                      FormFields.text("card_number", label: "社会保障卡卡号", value: draft.cardNumber, errors: errors,
                                      hint: "已知时填写", maxLength: 20, required: false),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("登记")))),
            ])
    }
}

/// 办事群众页面: who the person is (masked, name included, until 显示完整信息), the items to start for them by the four groups with what they already have
/// open or finished (`CitizenServices`), and every case of every item (the case engine fills this list).
enum CitizenPage {
    struct CaseLine: Sendable {
        let id: UUID
        let number: String
        var itemSeq: Int = 0
        let itemName: String
        let acceptedOn: String
        let state: String
        var isFinal = false
        let visible: Bool
    }

    static func render(_ citizen: CitizenView, cases: [CaseLine], services: CitizenServices, context: PageContext) -> HTML {
        let accepts = services.groups.contains { $0.items.contains { $0.accept != nil } }
        return PageShell.render(
            title: citizen.name, context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: citizen.name, url: nil)],
            content: [
                // Near the top, one click: the clerk checks the name against the ID card before serving the person.
                .if(!citizen.isRevealed, .form(
                    .class("reveal"), .method(.post), .action(SiteURL.revealCitizen(id: citizen.id).path), .csrf(context),
                    .button(.type(.submit), .class("button"), .text("显示完整信息（将记入审计日志）")))),
                .unwrap(citizen.revealedUntil) { until in
                    .form(
                        .class("reveal"), .method(.post), .action(SiteURL.concealCitizen(id: citizen.id).path), .csrf(context),
                        .span(.class("hint"), .text("正在显示完整信息（已记入审计日志），\(until) 起自动恢复脱敏。")),
                        .button(.type(.submit), .class("button small"), .text("恢复脱敏")))
                },
                // Registered by an insurance import, not at a counter: the details are checked at the first visit.
                .unwrap(citizen.importedFrom) { .p(.class("hint imported"), .text($0)) },
                .div(.class("facts"), .dl(
                    .dt("姓名"), .dd(.text(citizen.name)),
                    .dt("身份证号码"), .dd(.class("code"), .text(citizen.idNumber)),
                    .dt("性别"), .dd(.text(citizen.sex)),
                    .dt("出生日期"), .dd(.text(citizen.birthDate + (citizen.age.map { "（\($0)周岁）" } ?? ""))),
                    .dt("民族"), .dd(.text(citizen.ethnicity)),
                    .dt("手机号码"), .dd(.class("code"), .text(citizen.phone ?? "未登记")),
                    .dt("户籍所在地"), .dd(.text(citizen.hukouName)),
                    .dt("居住地"), .dd(.text(citizen.residenceName)),
                    .dt("居住地址"), .dd(.text(citizen.residenceAddress ?? "未登记")),
                    .dt("社会保障卡卡号"), .dd(.class("code"), .text(citizen.cardNumber ?? "未登记"))
                )),
                .section(
                    .class("panel citizen-services"), .h2(accepts ? "为其办理" : "服务事项"),
                    .p(.class("hint"), .text(accepts
                        ? "选择事项后点“受理”打开该事项的受理表单；已有办件的事项标明办理中或已办结。"
                        : "您的岗位不受理服务事项；已有办件的事项标明办理中或已办结。")),
                    .div(.class("service-groups"), .forEach(services.groups, group))),
                .h2("办件记录"),
                .if(cases.isEmpty, .p(.class("empty"), .text("暂无办件记录"))),
                .if(!cases.isEmpty, .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("办件编号"), .th("服务事项"), .th("受理日期"), .th("状态"))),
                    .tbody(.forEach(cases) { line in
                        .tr(.td(.class("code"), line.visible ? .a(.href(SiteURL.caseFile(id: line.id).path), .text(line.number))
                                                             : .text(line.number)),
                            .td(.text(line.itemName)), .td(.text(line.acceptedOn)), .td(.text(line.state)))
                    }))),
            ])
    }

    static func group(_ group: CitizenServices.Group) -> Node<HTML.BodyContext> {
        .section(
            .class("service-group"), .h3(.text(group.name)),
            .ul(.class("service-items"), .forEach(group.items) { item in
                .li(.class(item.latest?.isOpen == true ? "service-item has-open" : "service-item"),
                    .span(.class("item-name"), .text("\(item.seq). "),
                          .a(.href(SiteURL.serviceGuide(seq: item.seq).path), .text(item.name))),
                    .unwrap(item.latest) { latest in
                        .span(.class(latest.isOpen ? "item-state open" : "item-state"),
                              latest.visible ? .a(.href(SiteURL.caseFile(id: latest.id).path),
                                                  .attribute(named: "title", value: latest.number), .text(latest.label))
                                             : .text(latest.label))
                    },
                    .unwrap(item.accept) { url in
                        .a(.class("button small primary"), .href(url.path),
                           .attribute(named: "aria-label", value: "受理：\(item.name)"), .text("受理"))
                    })
            }))
    }
}

extension PageContext {
    fileprivate enum StartingItemKey: PageExtraKey { typealias Value = ServiceCatalogue.Item }

    /// The item a counter search was started for, set by the handler from `Request.startingItem`.
    var startingItem: ServiceCatalogue.Item? {
        get { extras[StartingItemKey.self] }
        set { extras[StartingItemKey.self] = newValue }
    }
}
