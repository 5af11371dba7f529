import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Codes = AccountFixture.Codes

/// Issue 22: what a user is offered follows what the unit can use. The township point enters the monthly table for
/// its villages, communities and bank branches; a division page opens only inside the user's scope.
@Suite("Capabilities at a unit, and which division pages a scope opens")
struct UnitCapabilityTests {
    @Test("调度表填报 and 培训统计 belong to the township point's operators alone")
    func monthlyEntryAtTheTownship() {
        for township in [Capability.enterMonthlyReport, .viewTrainingStatistics] {
            #expect(Capability.granted(to: .operator, grants: [], at: Units.guweiCentre).contains(township))
            for unit in [Units.taianVillage, Units.dongguanCommunity, Units.guweiBank] {
                #expect(!Capability.granted(to: .operator, grants: [], at: unit).contains(township), "\(unit)")
                #expect(!AccountFixture.staff(.operator, at: unit, 60).may(township))
            }
            #expect(AccountFixture.staff(.operator, at: Units.guweiCentre, 61).may(township))
        }
        // Nothing else changes with the unit.
        #expect(Capability.granted(to: .operator, grants: [.handle(1)], at: Units.taianVillage)
                == Capability.granted(to: .operator, grants: [.handle(1)]).subtracting([.enterMonthlyReport, .viewTrainingStatistics]))
        // A county business admin's 培训统计 does not depend on a point.
        #expect(Capability.granted(to: .businessAdmin, grants: [], at: Units.ruicheng).contains(.viewTrainingStatistics))
    }

    @Test("the training registry and 就业困难人员认定 are the county department's: not a city's or the province's")
    func trainingRegistryAtTheCounty() {
        #expect(Capability.granted(to: .businessAdmin, grants: [], at: Units.ruicheng).contains(.manageTraining))
        #expect(Capability.granted(to: .reviewer, grants: [], at: Units.ruicheng).contains(.recogniseHardship))
        for unit in [Units.yuncheng, Units.province] {
            #expect(!Capability.granted(to: .businessAdmin, grants: [], at: unit).contains(.manageTraining), "\(unit)")
            #expect(!Capability.granted(to: .reviewer, grants: [], at: unit).contains(.recogniseHardship), "\(unit)")
            // What a city or the province reads of training stays.
            #expect(Capability.granted(to: .businessAdmin, grants: [], at: unit).contains(.viewTrainingStatistics), "\(unit)")
        }
    }

    @Test("a department opens its subtree's division pages; a service point only its own division's")
    func divisionPages() {
        #expect(Units.ruicheng.scope.showsDivisionPage(Codes.taian))
        #expect(Units.ruicheng.scope.showsDivisionPage(Codes.ruicheng))
        #expect(!Units.ruicheng.scope.showsDivisionPage(Codes.yuncheng))
        #expect(Units.taianVillage.scope.showsDivisionPage(Codes.taian))
        for above in [Codes.guwei, Codes.ruicheng, Codes.yuncheng, Codes.shanxi, Codes.dongguan] {
            #expect(!Units.taianVillage.scope.showsDivisionPage(above), "\(above)")
        }
        #expect(!Units.guweiCentre.scope.showsDivisionPage(Codes.dongguan), "the township point does not open its villages")
    }
}
