import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("服务指南: one page per service item")
struct ServiceGuideTests {
    @Test("every one of the 40 items has its guide, linked from its group; an unknown item is 404")
    func guides() async throws {
        try await TestApp.run { app in
            let operatorSession = try await app.session(as: .villageOperator)
            let catalogue = app.jiujinban.catalogue
            #expect(catalogue.items.count == 40)
            for item in catalogue.items {
                let page = try await app.getPage(operatorSession, "/services/items/\(item.seq)")
                #expect(page.0 == .ok, "\(item.seq)")
                #expect(page.1.contains(item.name) && page.1.contains(item.requirement), "\(item.seq)")
                #expect(page.1.contains(item.workingDays == 0 ? "即时办结" : "\(item.workingDays)个工作日"), "\(item.seq)")
            }
            let group = try await app.getPage(operatorSession, "/services/job")
            #expect(group.1.contains("href=\"/services/items/11\""))
            for bad in ["0", "41", "x"] {
                #expect(try await app.getPage(operatorSession, "/services/items/\(bad)").0 == .notFound, "\(bad)")
            }
        }
    }

    /// The items of the 系统核验 list on a guide page.
    func checks(_ html: String) throws -> [String] {
        let list = try #require(html.firstMatch(of: /<dt>系统核验<\/dt><dd><ul>(.*?)<\/ul><\/dd>/)?.1)
        return list.matches(of: /<li>(.*?)<\/li>/).map { String($0.1) }
    }

    @Test("a reviewed item on both channels: its audience, 柜面、自助机, and the checks of acceptance, review, the kiosk and its own plug-in")
    func reviewedKioskItem() async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .villageOperator)
            // Item 11, 失业登记: ten working days, county review, at the counter and the kiosk.
            let page = try await app.getPage(session, "/services/items/11")
            #expect(page.0 == .ok)
            #expect(page.1.contains("<dt>服务对象</dt><dd>失业人员</dd>"))
            #expect(page.1.contains("<dt>服务渠道</dt><dd>柜面、自助机</dd>"))
            #expect(page.1.contains("<dt>办理条件和材料</dt><dd>需携带本人身份证或社保卡</dd>"))
            #expect(page.1.contains("10个工作日：受理当日不计，自次个工作日起算，节假日顺延；经县级业务审核员审核后办结"))
            #expect(try checks(page.1) == [
                "身份证号码按国家标准（GB 11643）校验位和出生日期核验；15位旧号码自动升为18位",
                "同一群众全省只有一条办事群众记录，可查看其全部办件",
                "受理人须持有本事项经办权限；审核人须为本县业务审核员且不得为受理人",
                "自助机办理时以电子社保卡或身份证核验本人身份",
                // Item 11's own plug-in: domain-rules §3.
                "须年满16周岁且未达到法定退休年龄（按身份证号码中的出生日期和性别计算）",
                "有劳动能力和就业意愿",
                "未处于就业状态（无有效的灵活就业登记），且没有有效的失业登记",
                "系统登记为已就业（登记就业、失业登记因就业终止）的，须填写不早于就业日期的失业日期",
                "审核通过时再次核对上述条件",
            ])
        }
    }

    @Test("an instant counter-only item: 柜面 alone, no review and no kiosk check, the working-age rule of its category")
    func instantCounterItem() async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .villageOperator)
            // Item 16, 培训意向登记: finished on the spot, at the counter only.
            let page = try await app.getPage(session, "/services/items/16")
            #expect(page.0 == .ok)
            #expect(page.1.contains("<dt>服务对象</dt><dd>防止返贫监测对象、毕业年度高校毕业生、城乡未继续升学的应届初高中毕业生、农村转移就业劳动者、城镇登记失业人员、就业困难人员等</dd>"))
            #expect(page.1.contains("<dt>服务渠道</dt><dd>柜面</dd>"))
            #expect(page.1.contains("即时办结：受理后当场办结"))
            #expect(try checks(page.1) == [
                "身份证号码按国家标准（GB 11643）校验位和出生日期核验；15位旧号码自动升为18位",
                "同一群众全省只有一条办事群众记录，可查看其全部办件",
                "受理人须持有本事项经办权限",
                // Its own module's conditions: children refused, as the generic flow of the group did, then the key groups.
                "面向劳动年龄人员：未满16周岁的群众不予受理",
                "须属于六类重点群体之一：防止返贫监测对象、城镇登记失业人员、就业困难人员以平台记录为准；毕业年度高校毕业生、城乡未继续升学的应届初高中毕业生、农村转移就业劳动者现场申报并查验证明材料",
                "培训职业须从职业分类（2022年版）中选择；同一职业只能有一条在办的培训意向",
                "期望培训时间不早于今天，结束不早于开始",
            ])
        }
    }
}
