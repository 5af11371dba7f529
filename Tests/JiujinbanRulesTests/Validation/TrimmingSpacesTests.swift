import Foundation
import JiujinbanRules
import Testing

@Suite("Trimming a cell's spaces without Foundation")
struct TrimmingSpacesTests {
    @Test("the same as trimmingCharacters(in: .whitespaces): spaces, tabs, ideographic and no-break spaces; not line breaks")
    func sameAsFoundation() {
        let samples = ["", " ", "\t", "abc", " abc", "abc ", "\t 140830000000 \t", "\u{3000}王小明\u{3000}", "\u{00A0}500\u{00A0}",
                       "a b", "\nx\n", " \r\n", "“引号”", "\u{2003}em\u{2009}", "张 三", "e\u{301} "]
        for sample in samples {
            #expect(sample.trimmingSpaces == sample.trimmingCharacters(in: .whitespaces), "\(sample.debugDescription)")
        }
    }
}
