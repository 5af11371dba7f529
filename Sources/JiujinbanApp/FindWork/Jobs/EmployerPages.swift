import Foundation
import JiujinbanRules
import Plot

/// Pages of employers and the posting form.
enum EmployerPages {
    static func crumbs(_ trail: [Crumb]) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))] + trail
    }

    static func index(_ employers: [EmployerView], query: String, context: PageContext) -> HTML {
        PageShell.render(
            title: "用人单位", context: context, crumbs: crumbs([Crumb(label: "用人单位", url: nil)]),
            content: [
                .form(.class("filters"), .method(.get), .action(SiteURL.employers().path),
                      .label(.text("单位名称或信用代码 "), .input(.type(.search), .name("q"), .value(query),
                                                          .attribute(named: "maxlength", value: "60"))),
                      .button(.type(.submit), .class("button small"), .text("查找")),
                      .if(context.mayOpen(.newEmployer),
                          .a(.class("button small primary"), .href(SiteURL.newEmployer.path), .text("登记用人单位"))),
                      .if(context.mayOpen(.jobPostings()), .a(.class("button small"), .href(SiteURL.jobPostings().path), .text("岗位查询")))),
                .if(employers.isEmpty, .p(.class("empty"), .text(query.isEmpty ? "本县尚未登记用人单位" : "没有找到该单位"))),
                .if(!employers.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("单位名称"), .th("统一社会信用代码"), .th("地址"), .th("联系人"))),
                    .tbody(.forEach(employers) { employer in
                        .tr(.td(.a(.href(SiteURL.employer(id: employer.id).path), .text(employer.name))),
                            .td(.class("code"), .text(employer.creditCode)), .td(.text(employer.address)),
                            .td(.text(employer.contactName)))
                    }))),
            ])
    }

    static func form(_ values: EmployerDraft, errors: FieldErrors, divisions: GroupedChoices, context: PageContext) -> HTML {
        PageShell.render(
            title: "登记用人单位", context: context,
            crumbs: crumbs([Crumb(label: "用人单位", url: .employers()), Crumb(label: "登记", url: nil)]),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.employers().path), .csrf(context),
                      FormFields.text("name", label: "单位名称", value: values.name, errors: errors, hint: "与营业执照一致", maxLength: 60),
                      FormFields.text("credit_code", label: "统一社会信用代码", value: values.creditCode, errors: errors,
                                      hint: "18位，见营业执照", maxLength: 20),
                      FormFields.select("division", label: "所在区划", choices: divisions, selected: values.division, errors: errors,
                                        filter: "输入乡镇、村或社区名称筛选"),
                      FormFields.text("address", label: "单位地址", value: values.address, errors: errors, maxLength: 100),
                      FormFields.text("contact_name", label: "联系人", value: values.contactName, errors: errors, maxLength: 20),
                      FormFields.text("contact_phone", label: "联系电话", value: values.contactPhone, errors: errors,
                                      hint: "手机号码或带区号的固定电话", maxLength: 20, inputMode: "tel"),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }

    static func show(_ view: EmployerPageView, context: PageContext) -> HTML {
        let (employer, postings, manages) = (view.employer, view.postings, view.manages)
        return PageShell.render(
            title: employer.name, context: context,
            crumbs: crumbs([Crumb(label: "用人单位", url: manages ? .employers() : nil), Crumb(label: employer.name, url: nil)]),
            content: [
                .div(.class("facts"), .dl(
                    .dt("统一社会信用代码"), .dd(.class("code"), .text(employer.creditCode)),
                    .dt("所在区划"), .dd(.text(view.divisionText)),
                    .dt("地址"), .dd(.text(employer.address)),
                    .dt("联系人"), .dd(.text(employer.contactName + " " + employer.contactPhone))
                )),
                .h2("招聘岗位"),
                .if(manages, .p(.a(.class("button primary"), .href(SiteURL.newJobPosting(employer: employer.id).path), .text("发布岗位")))),
                .if(postings.isEmpty, .p(.class("empty"), .text("尚未发布岗位"))),
                .if(!postings.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("岗位"), .th("人数"), .th("月薪（元）"), .th("有效期至"), .th("状态"))),
                    .tbody(.forEach(postings) { posting in
                        .tr(.td(.a(.href(SiteURL.jobPosting(id: posting.id).path), .text(posting.title))),
                            .td(.class("num"), .text(String(posting.headcount))),
                            .td(.class("num"), .text(posting.wageText)),
                            .td(.text(posting.validUntil)), .td(.text(posting.statusText)))
                    }))),
            ])
    }

    static func postingForm(_ employer: EmployerView, draft: JobPostingDraft, title: String, errors: FieldErrors, occupations: GroupedChoices,
                            divisions: GroupedChoices, context: PageContext) -> HTML {
        let employerID = employer.id
        return PageShell.render(
            title: "发布岗位：\(employer.name)", context: context,
            crumbs: crumbs([Crumb(label: employer.name, url: .employer(id: employerID)), Crumb(label: "发布岗位", url: nil)]),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.newJobPosting(employer: employerID).path), .csrf(context),
                      FormFields.text("title", label: "岗位名称", value: title, errors: errors, hint: "如：叉车司机、果品分拣员", maxLength: 40),
                      FormFields.select("occupation", label: "职业（职业分类大典）", choices: occupations,
                                        selected: draft.occupation, errors: errors, filter: "输入职业名称或代码筛选"),
                      FormFields.text("headcount", label: "招聘人数", value: draft.headcount, errors: errors, maxLength: 5, inputMode: "numeric"),
                      FormFields.text("wage_min", label: "月薪下限（元）", value: draft.wageMinimum, errors: errors, maxLength: 10, inputMode: "decimal"),
                      FormFields.text("wage_max", label: "月薪上限（元）", value: draft.wageMaximum, errors: errors, maxLength: 10, inputMode: "decimal"),
                      FormFields.select("education", label: "学历要求", options: EducationLevel.allCases.map {
                          FormFields.Option(value: String($0.rawValue), label: $0.label + "及以上")
                      }, selected: draft.education, errors: errors, placeholder: "不限", required: false),
                      FormFields.text("age_min", label: "年龄下限（周岁）", value: draft.ageMinimum, errors: errors, hint: "不限可不填",
                                      maxLength: 3, inputMode: "numeric", required: false),
                      FormFields.text("age_max", label: "年龄上限（周岁）", value: draft.ageMaximum, errors: errors, hint: "不限可不填",
                                      maxLength: 3, inputMode: "numeric", required: false),
                      FormFields.select("workplace", label: "工作地点", choices: divisions, selected: draft.workplace, errors: errors,
                                        filter: "输入乡镇、村或社区名称筛选"),
                      FormFields.text("address", label: "工作地址", value: draft.address, errors: errors, maxLength: 100),
                      FormFields.text("hours", label: "工作时间", value: draft.hours, errors: errors, hint: "如：8:00–17:00，周末双休",
                                      maxLength: 50, required: false),
                      FormFields.text("valid_until", label: "有效期至", value: draft.validUntil, errors: errors, hint: "最长一年",
                                      maxLength: 10),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("发布")))),
            ])
    }
}
