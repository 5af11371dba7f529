import JiujinbanRules

extension ServiceCatalogue.Item {
    /// Whether the item has a form and records of its own (a plug-in) rather than the generic flow: the data
    /// generator (`JiujinbanTools`) writes generic cases only.
    package var hasOwnForm: Bool { CaseItemPlugins.specific.contains(seq) }
}
