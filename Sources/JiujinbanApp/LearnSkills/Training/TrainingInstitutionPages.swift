import Foundation
import JiujinbanRules
import Plot

/// The county's training institutions: the list, an institution with its class plans, and its form.
enum TrainingInstitutionPages {
    static func crumbs(_ trail: [Crumb]) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要学技能", url: .serviceCategory(key: "skill"))] + trail
    }

    static func index(_ institutions: [TrainingInstitutionLine], context: PageContext) -> HTML {
        PageShell.render(
            title: "培训机构", context: context, crumbs: crumbs([Crumb(label: "培训机构", url: nil)]),
            content: [
                .div(.class("toolbar"),
                     .a(.class("button primary"), .href(SiteURL.newTrainingInstitution.path), .text("新增培训机构")),
                     .a(.class("button"), .href(SiteURL.monitoringList.path), .text("防止返贫监测对象名单"))),
                .p(.class("hint"), .text("本县共\(institutions.count)个培训机构。为群众推荐培训机构时，按此处登记的培训资质、位置和开班计划排序。")),
                .if(institutions.isEmpty, .p(.class("empty"), .text("本县尚未登记培训机构"))),
                .if(!institutions.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("机构名称"), .th("统一社会信用代码"), .th("所在地"), .th("补贴性培训机构"), .th("培训资质"), .th("近期开班"))),
                    .tbody(.forEach(institutions) { line in
                        .tr(.td(.a(.href(SiteURL.trainingInstitution(id: line.id).path), .text(line.name))),
                            .td(.class("code"), .text(line.creditCode)),
                            .td(.text(line.divisionName)),
                            .td(.text(line.subsidised ? "是" : "否")),
                            .td(.text(line.approvals)),
                            .td(.text(line.nextClass ?? "暂无开班计划")))
                    }))),
            ])
    }

    static func show(_ view: TrainingInstitutionView, context: PageContext) -> HTML {
        PageShell.render(
            title: view.name, context: context,
            crumbs: crumbs([Crumb(label: "培训机构", url: .trainingInstitutions), Crumb(label: view.name, url: nil)]),
            content: [
                .div(.class("facts"), .dl(
                    .dt("机构名称"), .dd(.text(view.name)),
                    .dt("统一社会信用代码"), .dd(.class("code"), .text(view.creditCode)),
                    .dt("所在地"), .dd(.text(view.divisionName)),
                    .dt("地址"), .dd(.text(view.address)),
                    .dt("经纬度"), .dd(.text(view.coordinates ?? "未填写（推荐时距离不详）")),
                    .dt("补贴性培训机构"), .dd(.text(view.subsidised ? "是" : "否")),
                    .dt("联系电话"), .dd(.text(view.contactPhone)),
                    .dt("培训资质"), .dd(.ul(.forEach(view.approvals) { .li(.text($0)) }))
                )),
                .div(.class("actions"),
                     .a(.class("button"), .href(SiteURL.editTrainingInstitution(id: view.id).path), .text("修改机构信息")),
                     .a(.class("button primary"), .href(SiteURL.newClassPlan(institution: view.id).path), .text("新增开班计划"))),
                .h2("开班计划"),
                .if(view.plans.isEmpty, .p(.class("empty"), .text("尚无开班计划"))),
                .if(!view.plans.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("职业"), .th("等级"), .th("开班日期"), .th("结业日期"), .th("培训地点"), .th("计划人数"), .th("已报名"), .th(""))),
                    .tbody(.forEach(view.plans) { plan in
                        .tr(.td(.text(plan.occupation)), .td(.text(plan.level)), .td(.class("nowrap"), .text(plan.starts)),
                            .td(.class("nowrap"), .text(plan.ends)), .td(.text(plan.place)), .td(.class("num"), .text(String(plan.capacity))),
                            .td(.class("num"), .text(String(plan.enrolled))),
                            .td(.a(.href(SiteURL.editClassPlan(id: plan.id).path),
                                   .attribute(named: "aria-label", value: "修改\(plan.starts)开班的\(plan.occupation)计划"), .text("修改"))))
                    }))),
            ])
    }

    static func form(_ values: TrainingInstitutionForm, editing: UUID?, choices: TrainingChoices, errors: FieldErrors,
                     context: PageContext) -> HTML {
        let title = editing == nil ? "新增培训机构" : "修改培训机构"
        let action = editing.map { SiteURL.trainingInstitution(id: $0).path } ?? SiteURL.trainingInstitutions.path
        // Always one blank row to add an approval.
        let rows = values.approvals + [TrainingInstitutionForm.Approval()]
        return PageShell.render(
            title: title, context: context,
            crumbs: crumbs([Crumb(label: "培训机构", url: .trainingInstitutions), Crumb(label: editing == nil ? "新增" : "修改", url: nil)]),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(action), .csrf(context),
                      FormFields.text("name", label: "机构名称", value: values.name, errors: errors, hint: "与办学许可证或营业执照一致",
                                      maxLength: TrainingInstitutionDraft.nameMaxLength),
                      FormFields.text("credit_code", label: "统一社会信用代码", value: values.creditCode, errors: errors, hint: "18位",
                                      maxLength: 20),
                      FormFields.select("division", label: "所在区划", choices: choices.places, selected: values.division, errors: errors,
                                        filter: "输入乡镇、村或社区名称筛选"),
                      FormFields.text("address", label: "地址", value: values.address, errors: errors,
                                      maxLength: TrainingInstitutionDraft.addressMaxLength),
                      FormFields.text("longitude", label: "经度", value: values.longitude, errors: errors,
                                      hint: "可不填；填写则经度、纬度都填，如110.6933或110°41′36″", maxLength: 20, required: false),
                      FormFields.text("latitude", label: "纬度", value: values.latitude, errors: errors, hint: "如34.6919", maxLength: 20,
                                      required: false),
                      FormFields.select("subsidised", label: "补贴性培训机构", options: [.init(value: "1", label: "是"), .init(value: "0", label: "否")],
                                        selected: values.subsidised ? "1" : "0", errors: errors),
                      FormFields.text("contact_phone", label: "联系电话", value: values.contactPhone, errors: errors,
                                      hint: "手机号码或带区号的固定电话", maxLength: 20, inputMode: "tel"),
                      approvalRows(rows, choices: choices, errors: errors),
                      .div(.class("form-actions"),
                           .button(.type(.submit), .class("button primary"), .text("保存")),
                           .button(.type(.submit), .name("more"), .value("1"), .class("button"),
                                   .text("增加一行培训资质")))),
            ])
    }

    /// 培训资质: one row per occupation and level, the last one blank.
    static func approvalRows(_ rows: [TrainingInstitutionForm.Approval], choices: TrainingChoices, errors: FieldErrors) -> Node<HTML.FormContext> {
        let message = errors.message(for: "approvals")
        return .fieldset(
            .id("approvals"), .class(message == nil ? "field" : "field field-invalid"),
            .legend("培训资质（获准培训的职业及等级）*"),
            .unwrap(message) { .p(.class("field-error"), .text($0)) },
            .table(.class("data-table"),
                   .thead(.tr(.th("职业（2022年版职业分类）"), .th("等级"))),
                   .tbody(.forEach(Array(rows.enumerated())) { index, row in approvalRow(index, row, choices: choices) })),
            .p(.class("hint"), .text("最后一行留空即可；需要更多行时点“增加一行培训资质”。"))
        )
    }

    static func approvalRow(_ index: Int, _ row: TrainingInstitutionForm.Approval, choices: TrainingChoices) -> Node<HTML.TableContext> {
        let occupation: Node<HTML.BodyContext> = .select(
            .attribute(named: "name", value: "approvals[\(index)][occupation]"), .attribute(named: "aria-label", value: "第\(index + 1)行职业"),
            .choice("", "请选择"), .choices(choices.occupations, selected: row.occupation))
        let levels: [Node<HTML.SelectContext>] = choices.levels.map { .choice($0.value, $0.label, selected: $0.value == row.level) }
        let level: Node<HTML.BodyContext> = .select(
            .attribute(named: "name", value: "approvals[\(index)][level]"), .attribute(named: "aria-label", value: "第\(index + 1)行等级"),
            .choice("", "请选择"), .group(levels))
        return .tr(.td(occupation), .td(level))
    }
}
