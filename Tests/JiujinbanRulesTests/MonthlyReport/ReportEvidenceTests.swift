import JiujinbanRules
import Testing

@Suite("调度表凭证: a PDF document or a PNG/JPEG photo, recognised by its bytes, at most 5 MB")
struct ReportEvidenceTests {
    func check(_ name: String, _ bytes: [UInt8]) -> (ReportEvidence.Kind?, String?) {
        var errors = FieldErrors()
        let kind = ReportEvidence.check(ProblemReportDraft.Upload(name: name, bytes: bytes), field: "evidence_x", owner: "太安村", into: &errors)
        return (kind, errors.message(for: "evidence_x"))
    }

    @Test("documents and photos are told apart by their first bytes, never by the name")
    func kinds() {
        #expect(check("a.bin", Array("%PDF-1.7\n".utf8)).0 == .pdf)
        #expect(check("a.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]).0 == .png)
        #expect(check("a.png", [0xFF, 0xD8, 0xFF, 0xE0]).0 == .jpeg)
        #expect(ReportEvidence.Kind.pdf.mediaType == "application/pdf" && ReportEvidence.Kind.jpeg.mediaType == "image/jpeg")
    }

    @Test("other files and oversized files are refused naming the owner and the file; an empty upload is no file")
    func refusals() {
        let text = check("说明.pdf", Array("%PD".utf8))
        #expect(text.0 == nil && text.1 == "太安村：“说明.pdf”不是PDF文档或PNG、JPEG图片，请上传宣传材料或现场照片")
        let big = check("大.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 0, count: ReportEvidence.maximumBytes))
        #expect(big.0 == nil && big.1 == "太安村：“大.pdf”超过5MB，请压缩后再上传")
        let empty = check("", [])
        #expect(empty.0 == nil && empty.1 == nil)
    }
}
