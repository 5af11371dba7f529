import Foundation
@testable import JiujinbanRules
import Testing

/// Issue 23: the core system's answers and the outbound file's lines.
@Suite("acknowledgement file: one answer per record, every problem named by line")
struct AcknowledgementTests {
    static let first = UUID(uuidString: "0B7F3C1E-0000-4000-8000-000000000001")!
    static let second = UUID(uuidString: "0B7F3C1E-0000-4000-8000-000000000002")!

    func read(_ text: String) throws -> Result<[Acknowledgement], ExchangeProblems> {
        Acknowledgement.read(try CSVReader.records(of: text))
    }

    @Test("confirmations and rejections with reasons, columns in any order, the reason column optional, blank lines skipped")
    func answers() throws {
        let text = "result,record_id,format_version,reason\nconfirmed,\(Self.first),1,\n\nrejected,\(Self.second),1, 身份证号码与核心系统不一致 \n"
        let answers = try read(text).get()
        #expect(answers == [Acknowledgement(line: 2, recordID: Self.first, result: .confirmed, reason: nil),
                            Acknowledgement(line: 4, recordID: Self.second, result: .rejected, reason: "身份证号码与核心系统不一致")])
        #expect(try read("format_version,record_id,result\n1,\(Self.first),confirmed\n").get().count == 1)
    }

    @Test("header problems, bad cells, a rejection without reason, one record answered twice: all named")
    func problems() throws {
        guard case .failure(let header) = try read("format_version,record_id,verdict\n") else { Issue.record("accepted"); return }
        #expect(header.problems.map(\.text) == ["第1行 verdict：未知列“verdict”：答复文件（格式版本1）没有此列", "第1行 result：缺少必需的列“result”"])
        let text = "format_version,record_id,result,reason\n2,\(Self.first),confirmed,\nx,not-a-uuid,ok,\n1,\(Self.second),rejected,\n"
            + "1,\(Self.first),rejected,重复\n1,\(Self.second),rejected,\(String(repeating: "长", count: 201))\n"
        guard case .failure(let found) = try read(text) else { Issue.record("accepted"); return }
        #expect(found.problems.map(\.text) == [
            "第2行 format_version：格式版本应为1，而不是“2”",
            "第3行 format_version：格式版本应为1，而不是“x”",
            "第3行 record_id：交换记录编号“not-a-uuid”不是有效的编号",
            "第3行 result：答复结果应为 confirmed（确认）或 rejected（退回）",
            "第4行 reason：核心系统退回时必须填写退回原因",
            "第5行 record_id：交换记录\(Self.first.uuidString.lowercased())在第2行已答复，同一文件不能答复两次",
            "第6行 reason：退回原因不能超过200字（现为201字）",
            "第6行 record_id：交换记录\(Self.second.uuidString.lowercased())在第4行已答复，同一文件不能答复两次",
        ])
    }

    @Test("an outbound line fills its kind's columns and leaves the others empty")
    func outboundLine() {
        let line = OutboundFile.line(["record_id": "r", "kind": "enrolments", "status": "暂停缴费", "unknown": "x"])
        #expect(line.count == OutboundFile.header.count && line[0] == "2" && line[1] == "r")
        #expect(line[OutboundFile.header.firstIndex(of: "status")!] == "暂停缴费" && line[OutboundFile.header.firstIndex(of: "year")!] == "")
        #expect(line.suffix(3) == ["", "", ""], "no payment account on an enrolment's line")
    }

    @Test("version 2 is version 1's columns, in their order, then the 集体出口补 and the payment account's; the answers keep version 1")
    func outboundVersion2() {
        let version1 = "format_version,record_id,row,kind,case_number,created_at,id_number,name,hukou_division,scheme,county,start_kind,grade,"
            + "enrolled_on,status,status_date,status_reason,year,type,personal,subsidy,collective,arrived,arrived_on,start_month,monthly,"
            + "basic_central,basic_provincial,basic_county,basic_extra_years,account_part,exit_subsidy,figure_ids"
        #expect(OutboundFile.header.joined(separator: ",") == version1 + ",collective_exit,bank,account,account_kept")
        let line = OutboundFile.line(["kind": "entitlements", "monthly": "95.00", "bank": "芮城农商银行", "account": "6228480012345678",
                                      "account_kept": "是", "account_sealed": "sealed"])
        #expect(line.suffix(3) == ["芮城农商银行", "6228480012345678", "是"] && !line.contains("sealed"))
        #expect(OutboundFile.version == "2" && Acknowledgement.version == "1")
    }
}
