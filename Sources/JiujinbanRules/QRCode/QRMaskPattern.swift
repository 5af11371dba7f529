/// One of the eight data mask patterns (ISO/IEC 18004 §7.8.2, Table 10), identified by the reference the
/// format information carries. Masking breaks up large areas and finder-like shapes that confuse readers.
struct QRMaskPattern: Hashable, Sendable {
    let reference: Int

    init(reference: Int) {
        precondition((0..<8).contains(reference), "mask pattern references run from 0 to 7")
        self.reference = reference
    }

    static let all = (0..<8).map(QRMaskPattern.init(reference:))

    /// Whether the module at row `i`, column `j` is inverted, with the standard's conditions verbatim.
    func inverts(row i: Int, column j: Int) -> Bool {
        switch reference {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }
}
