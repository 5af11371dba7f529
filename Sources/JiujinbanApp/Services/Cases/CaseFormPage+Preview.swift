import JiujinbanRules
import Plot

extension CaseFormPage {
    /// 受理前测算: the refusals the form would meet today, each named (the years missing), or the amount with its parts
    /// and the figures used, those 待核实 named; said to be a preview, so nobody takes it for the decision.
    static func previewSection(_ preview: CasePreview) -> Node<HTML.BodyContext> {
        .section(
            .class("case-part case-preview"), .attribute(named: "aria-labelledby", value: "case-preview-title"),
            .h2(.id("case-preview-title"), .text(preview.title)),
            .p(.class("hint"), .text(preview.basis)),
            .if(!preview.refusals.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "status"),
                .p(.text("按台账现有记录，该群众尚不符合申领条件，现在受理将不予受理：")),
                .ul(.forEach(preview.refusals) { .li(.text($0)) }))),
            .if(preview.refusals.isEmpty, CaseComputationSection.render(preview.computation, headed: false)))
    }
}
