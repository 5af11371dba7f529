import Foundation
import JiujinbanRules
import Plot

/// 服务点建设暨验收标准 in the attachment's layout: part, number, criterion, maximum, score and note per row; the
/// signature line of the county 人社局's inspector and the date; earlier inspections below.
enum AcceptancePage {
    static func render(
        _ point: ServicePointSummary, facts: AcceptanceFacts, inspects: Bool, passMark: Int,
        values: [String: String], errors: FieldErrors, today: CalendarDate, context: PageContext
    ) -> HTML {
        let (history, milestones, kiosks) = (facts.history, facts.milestones, facts.kiosks)
        let latest = history.first
        return PageShell.render(
            title: "服务点建设暨验收标准", context: context,
            crumbs: [Crumb(label: "服务点", url: .servicePoints()), Crumb(label: point.name, url: .servicePoint(id: point.id)),
                     Crumb(label: "验收", url: nil)],
            content: [
                // The attachment's table is signed by the inspector and sealed: it is printed (A4, app.css).
                PrintButton.node("打印验收表"),
                .p(.class("lead"), .text("所属单位：\(point.townshipName) \(point.divisionName) · \(point.institution)（\(point.kind.label)）。满分100分，\(passMark)分及以上为合格。")),
                .unwrap(latest) { inspection in
                    .div(.class(inspection.passed ? "notice notice-ok" : "notice notice-warn"),
                         .p(.text("最近一次验收：\(inspection.inspectedOn)，\(inspection.total)分，" + (inspection.passed ? "合格" : "不合格")
                                  + (inspection.reinspectOn.map { "，\($0)复验" } ?? "") + "（验收人：\(inspection.inspectorName)）")))
                },
                .if(!inspects, .p(.class("notice notice-dev"), .text("验收由县级人社部门组织，此处只查看验收记录。"))),
                .if(inspects, FormFields.errorSummary(errors)),
                .if(inspects, .form(.method(.post), .action(SiteURL.servicePointAcceptance(id: point.id).path), .enctype(.multipartData), .csrf(context),
                      .input(.type(.hidden), .name(HeldUploads.submissionField), .value(values[HeldUploads.submissionField] ?? "")),
                      .table(.class("form-table acceptance-table"),
                             .tr(.th("项目"), .th("序号"), .th("细则"), .th("分值"), .th("得分"), .th("备注")),
                             .forEach(AcceptanceCriterion.allCases) { criterion in row(criterion, point: point, permissionApplied: facts.permissionApplied,
                                                                                      values: values, errors: errors) }),
                      .div(.class("field-row"),
                           FormFields.text("inspected_on", label: "验收日期", value: values["inspected_on"] ?? today.description, errors: errors,
                                           hint: "不能晚于今天", maxLength: 10),
                           FormFields.text("reinspect_on", label: "复验日期（不合格时必填）", value: values["reinspect_on"], errors: errors,
                                           maxLength: 10, required: false)),
                      .div(.id("photos"), .class(errors.message(for: "photos") == nil ? "field" : "field field-invalid"),
                           .label(.text("验收照片（选填，最多\(AcceptancePhotoRecord.maximumCount)张，PNG或JPEG，每张不超过2MB）")),
                           .forEach(1...AcceptancePhotoRecord.maximumCount) { n in
                               .div(.class("file-line"),
                                    .input(.type(.file), .name("photo\(n)"), .attribute(named: "accept", value: "image/png,image/jpeg"),
                                           .attribute(named: "aria-label", value: "验收照片\(n)")),
                                    // A photo a refused attempt had chosen, held for this one (`HeldUploads`).
                                    .unwrap(values["held_photo\(n)"]) { name in
                                        .span(.class("held-file"), .text("已保留“\(name)”，提交时一并上传；如需更换请重新选择，不要此文件请重新打开本页"))
                                    })
                           },
                           .unwrap(errors.message(for: "photos")) { .p(.class("field-error"), .text($0)) }),
                      .p(.class("signature-line"), .text("验收单位：\(context.user?.unitName ?? "")（公章）    验收人签字：\(context.user?.name ?? "")")),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("提交验收结果"))))),
                .section(.class("panel"), .h2("建设进度（月度调度表第18、19、21列）"),
                         .p(.text("自助设备：" + (kiosks.isEmpty ? "未登记" : kiosks.map { "\($0.serialNumber)（\($0.installedOn)安装，\($0.statusLabel)）" }
                                                                  .joined(separator: "；")))),
                         .if(inspects, .form(.method(.post), .action(SiteURL.servicePointMilestones(id: point.id).path), .csrf(context),
                                             .div(.class("field-row"),
                                                  .forEach(PointMilestoneRecord.Kind.allCases) { kind in
                                                      FormFields.text(kind.rawValue + "_on", label: kind.label,
                                                                      value: values[kind.rawValue + "_on"] ?? milestones[kind.rawValue], errors: errors,
                                                                      hint: "未发生的留空", maxLength: 10, required: false)
                                                  }),
                                             .div(.class("form-actions"), .button(.type(.submit), .class("button"), .text("保存建设进度"))))),
                         .if(!inspects, .p(.text(PointMilestoneRecord.Kind.allCases.map { "\($0.label)：\(milestones[$0.rawValue] ?? "未登记")" }
                                                     .joined(separator: "；"))))),
                .if(!history.isEmpty, .group(
                    .h2("验收记录"),
                    .table(.class("data-table compact"),
                           .thead(.tr(.th("验收日期"), .th(.class("num"), "总分"), .th("结论"), .th("复验日期"), .th("验收人"), .th("照片"))),
                           .tbody(.forEach(history) { inspection in
                               .tr(.td(.text(inspection.inspectedOn)), .td(.class("num"), .text(String(inspection.total))),
                                   .td(.text(inspection.passed ? "合格" : "不合格")), .td(.text(inspection.reinspectOn ?? "")),
                                   .td(.text(inspection.inspectorName)),
                                   .td(.forEach((0..<inspection.photoCount).map { $0 + 1 }) { position in
                                       .a(.href(SiteURL.acceptancePhoto(id: inspection.id, position: position).path), .text("照片\(position) "))
                                   }))
                           })))),
                .p(.class("hint"), .text("该附件作为基层就业社保服务点建设使用，同时作为对基层就业社保服务点建设验收的依据。")),
            ])
    }

    static func row(_ criterion: AcceptanceCriterion, point: ServicePointSummary, permissionApplied: Bool, values: [String: String],
                    errors: FieldErrors) -> Node<HTML.TableContext> {
        let field = "score_\(criterion.rawValue)"
        let first = criterion.part.criteria.first == criterion
        var hints: [String] = []
        if let note = criterion.note(for: point.kind) { hints.append(note) }
        if criterion == .permissionApplied {
            hints.append(permissionApplied ? "账号数据：本点已有在岗账号（权限申请已办结）" : "账号数据：本点尚无在岗账号，本项不能得分")
        }
        return .tr(
            .if(first, .th(.attribute(named: "rowspan", value: String(criterion.part.criteria.count)),
                           .text("\(criterion.part.label)（\(criterion.part.maximum)）"))),
            .td(.class("num"), .text(String(criterion.rawValue))),
            .td(.text(criterion.text), .forEach(hints) { .p(.class("hint"), .text($0)) },
                .unwrap(errors.message(for: field)) { .p(.class("field-error"), .text($0)) }),
            .td(.class("num"), .text(String(criterion.maximum))),
            .td(.input(.type(.text), .name(field), .id(field), .class("score-input"), .value(values[field] ?? ""),
                       .attribute(named: "inputmode", value: "numeric"), .attribute(named: "maxlength", value: "2"),
                       .attribute(named: "aria-label", value: "第\(criterion.rawValue)项得分"))),
            .td(.input(.type(.text), .name("note_\(criterion.rawValue)"), .value(values["note_\(criterion.rawValue)"] ?? ""),
                       .attribute(named: "maxlength", value: "200"), .attribute(named: "aria-label", value: "第\(criterion.rawValue)项备注")))
        )
    }
}
