import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor

/// The import checks a row's grade against the dated figures in force on its date, not a compiled list.
@Suite("insurance import: a grade must be in force on the row's date (the policy figures)")
struct GradeByDateTests {
    static let header = InsuranceImportTests.person + ",year,type,grade,personal,subsidy,collective,arrived,arrived_on\n"

    @Test("a 100 元 grade of 2012 is refused naming the year and the grades then in force; 200 元 is accepted")
    func gradeOfTheYear() async throws {
        try await TestApp.run { app in
            let bad = Self.header
                + "1,140830199001011232,张三,140830100204,resident_basic,2012,正常,100,100,30,0,是,2012-06-30\n"
                + "1,140830199001011232,张三,140830100204,resident_supplementary,2022,正常,300,300,0,0,是,2022-06-30\n"
            var reason = ""
            do {
                try await InsuranceImportTests.importFile(app, kind: .contributions, csv: bad)
                Issue.record("imported")
            } catch let error as PublicError {
                reason = error.reason
            }
            #expect(reason.contains("第2行 grade：缴费档次100元在2012年未施行：当时城乡居民基本养老保险的档次为200、300、500、700、1000、1500、2000、3000、4000、5000元"))
            #expect(reason.contains("第3行 grade：缴费档次300元在2022年未施行：当时城乡居民补充养老保险的档次为200、500、1000、2000、5000元"))
            let good = Self.header + "1,140830199001011232,张三,140830100204,resident_basic,2012,正常,200,200,35,0,是,2012-06-30\n"
            #expect(try await InsuranceImportTests.importFile(app, kind: .contributions, csv: good)
                    == "已导入：读取 1 行，新增 1 行，更新 0 行，未变 0 行，新建人员 1 人")
        }
    }
}
