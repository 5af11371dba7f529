import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import Vapor

/// `jiujinban generate-insurance-file --kind contributions|entitlements|payments --people N --out F [--years 15]
/// [--seed S] [--sample-file F]`: a synthetic exchange file (`docs/insurance-exchange.md`, version 1) for
/// `scripts/bench-insurance`: N people of Ruicheng (synthetic ID numbers with correct check characters, living in the
/// county's villages), each with `--years` yearly basic-scheme contributions ending last year, or one entitlement in
/// 正常 status, or last month's successful payment of it to a bank account (the same people for the same seed: the
/// account a payment run pays into is the latest one on record). Written as
/// bytes straight to the file, so fifteen million rows take seconds, not minutes. With `--sample-file`, up to 10,000
/// of the ID numbers, spread over the file, for the query timings. Synthetic: never loaded into a real database.
struct GenerateInsuranceFileCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "kind", help: "contributions、entitlements 或 payments") var kind: String?
        @Option(name: "people", help: "人数") var people: Int?
        @Option(name: "years", help: "每人缴费年数，默认 15") var years: Int?
        @Option(name: "seed", help: "随机种子，默认 23") var seed: Int?
        @Option(name: "out", help: "写出的 CSV 文件") var out: String?
        @Option(name: "sample-file", help: "写出抽样身份证号码的 JSON 文件") var sample: String?
    }

    var help: String { "生成压测用的合成参保台账交换文件（CSV）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = signature.kind.flatMap(ExchangeKind.init(rawValue:)), kind.isImportable, kind != .enrolments else {
            throw PublicError(.badRequest, "请用 --kind 指定 contributions、entitlements 或 payments")
        }
        guard let count = signature.people, count > 0, let out = signature.out else {
            throw PublicError(.badRequest, "请用 --people 指定人数，用 --out 指定输出文件")
        }
        let years = max(1, signature.years ?? 15)
        let residences = try await Division.query(on: context.application.db)
            .filter(\.$id =~ "140830").filter(\.$level ~~ [DivisionLevel.village.rawValue, DivisionLevel.community.rawValue])
            .all().compactMap { $0.id.flatMap { try? DivisionCode($0) } }
        guard !residences.isEmpty else { throw PublicError(.conflict, "数据库中没有芮城县的村、社区：请先以演示数据启动一次") }
        var people = SyntheticPopulation(seed: UInt64(signature.seed ?? 23), residences: residences, regionCode: "140830",
                                         formerRegionCode: "142723")
        let today = context.application.jiujinban.clock.today
        let lastYear = today.year - 1
        let lastMonth = today.month == 1 ? "\(today.year - 1)-12" : "\(today.year)-" + (today.month - 1 < 10 ? "0" : "") + "\(today.month - 1)"
        guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
            throw PublicError(.badRequest, "无法写入 \(out)")
        }
        defer { try? handle.close() }
        var buffer = Data()
        buffer.reserveCapacity(1 << 22)
        func flush(force: Bool = false) {
            if force || buffer.count > 1 << 22 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        switch kind {
        case .contributions:
            buffer.append(Data("format_version,id_number,name,hukou_division,scheme,year,type,grade,personal,subsidy,arrived,arrived_on\n".utf8))
        case .payments:
            buffer.append(Data("format_version,id_number,name,hukou_division,scheme,county,month,amount,bank,account,result\n".utf8))
        default:
            buffer.append(Data("format_version,id_number,name,hukou_division,scheme,county,start_month,monthly,status,status_date\n".utf8))
        }
        var sample: [String] = []
        let stride = max(count / 10_000, 1)
        for index in 0..<count {
            let person = people.next()
            if index % stride == 0, sample.count < 10_000 { sample.append(person.idNumber) }
            let head = "1,\(person.idNumber),\(person.name),\(person.hukou.value),resident_basic,"
            switch kind {
            case .contributions:
                // Grades of the seeded table (200–1,000 元 of it: the import checks a grade against the table in force);
                // the subsidy is not what is measured here.
                let grade = [200, 300, 500, 700, 1000][index % 5]
                for year in (lastYear - years + 1)...lastYear {
                    buffer.append(Data((head + "\(year),正常,\(grade),\(grade),60,是,\(year)-12-20\n").utf8))
                }
            case .payments:
                // A synthetic 19-digit account, never a real one: 6230 + a 15-digit serial.
                let account = "6230" + String(1_000_000_000_000_000 + index).dropFirst()
                buffer.append(Data((head + "140830000000,\(lastMonth),\(200 + index % 300).50,芮城县农村信用合作联社,\(account),成功\n").utf8))
            default:
                let start = 2015 + index % 10
                buffer.append(Data((head + "140830000000,\(start)-0\(1 + index % 9),\(200 + index % 300).50,正常,\(start)-01-01\n").utf8))
            }
            flush()
        }
        flush(force: true)
        if let path = signature.sample {
            let data = try JSONEncoder().encode(["citizens": sample])
            guard FileManager.default.createFile(atPath: path, contents: data) else { throw PublicError(.badRequest, "无法写入 \(path)") }
        }
        context.console.print("generated_people=\(count) rows=\(kind == .contributions ? count * years : count) file=\(out)")
    }
}
