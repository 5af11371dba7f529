/// 废止/撤回 a document of the policy directory (item 12): the admin says why; the field is `reason`.
public enum PolicyWithdrawal {
    public static let maximumReasonLength = 200

    /// The cleaned reason, or the refusal naming the field.
    public static func validate(reason: String?) -> Result<String, FieldErrors> {
        var errors = FieldErrors()
        let reason = ProblemReportDraft.multiline(reason, field: "reason", label: "废止原因", maxLength: maximumReasonLength, required: true,
                                                  into: &errors)
        return errors.isEmpty ? .success(reason) : .failure(errors)
    }
}
