import Fluent
import Foundation
import JiujinbanRules

/// Ruicheng's demonstration training institutions (named as demonstrations, at demonstration addresses and credit
/// codes), each with what it is approved to teach and a few class plans from the loading day on, so that the
/// nearest-institution recommendation (item 17) has something to rank. Entered as the county business admin.
enum DemoTraining {
    struct Institution {
        let name: String
        let creditCode: String
        let division: String
        let address: String
        let location: (longitude: Double, latitude: Double)?
        let subsidised: Bool
        let phone: String
        let approvals: [(occupation: String, level: SkillLevel)]
        /// Days from the loading day to the start, length in days, capacity, enrolled.
        let plans: [(occupation: String, level: SkillLevel, startsIn: Int, days: Int, capacity: Int, enrolled: Int)]
    }

    static let institutions: [Institution] = [
        Institution(name: "芮城县示范职业培训学校（演示）", creditCode: "52140830MJD000010Q", division: "140830100000",
                    address: "芮城县古魏镇演示路1号（演示地址）", location: (110.6972, 34.6931), subsidised: true, phone: "0359-3020001",
                    approvals: [("4-03", .five), ("4-03", .four), ("4-10", .five), ("6-29", .five)],
                    plans: [("4-03", .five, 12, 20, 40, 18), ("4-10", .five, 30, 15, 30, 0), ("4-03", .four, 60, 30, 30, 0)]),
        Institution(name: "芮城县风陵渡示范技能培训中心（演示）", creditCode: "52140830MJD000020R", division: "140830101000",
                    address: "芮城县风陵渡镇演示街8号（演示地址）", location: (110.3236, 34.6218), subsidised: true, phone: "13903591001",
                    approvals: [("5-01", .five), ("5-01", .four), ("6-29", .five)],
                    plans: [("5-01", .five, 7, 10, 50, 50), ("5-01", .five, 40, 10, 50, 5), ("6-29", .five, 20, 20, 30, 12)]),
        Institution(name: "芮城县永乐示范家政培训学校（演示）", creditCode: "52140830MJD000030T", division: "140830104000",
                    address: "芮城县永乐镇演示巷3号（演示地址）", location: (110.6031, 34.6225), subsidised: true, phone: "13903591002",
                    approvals: [("4-10", .five), ("4-10", .four), ("4-10", .three), ("4-14", .five)],
                    plans: [("4-10", .four, 15, 20, 25, 10), ("4-14", .five, 45, 15, 20, 0)]),
        Institution(name: "芮城县示范电商培训中心（演示）", creditCode: "91140830MA0D00040B", division: "140830106000",
                    address: "芮城县阳城镇演示大道6号（演示地址）", location: nil, subsidised: false, phone: "13903591003",
                    approvals: [("4-04", .five), ("4-04", .four), ("4-01", .five)],
                    plans: [("4-01", .five, 25, 10, 60, 8)]),
    ]

    static func seed(by accountID: UUID, now: Date, today: CalendarDate, on db: any Database) async throws {
        for (index, demo) in institutions.enumerated() {
            let institution = TrainingInstitutionRecord()
            let id = UUID()
            institution.id = id
            institution.countyCode = DemoStaff.county
            institution.name = demo.name
            institution.creditCode = demo.creditCode
            institution.divisionCode = demo.division
            institution.address = demo.address
            institution.longitude = demo.location?.longitude
            institution.latitude = demo.location?.latitude
            institution.subsidised = demo.subsidised
            institution.contactPhone = demo.phone
            institution.createdBy = accountID
            institution.createdAt = now
            try await institution.create(on: db)
            for approval in demo.approvals {
                let record = TrainingApprovalRecord()
                record.id = UUID()
                record.institutionID = id
                record.occupationCode = approval.occupation
                record.level = approval.level.rawValue
                try await record.create(on: db)
            }
            for plan in demo.plans {
                let record = ClassPlanRecord()
                record.id = UUID()
                record.institutionID = id
                record.countyCode = DemoStaff.county
                record.occupationCode = plan.occupation
                record.level = plan.level.rawValue
                record.startsOn = today.adding(days: plan.startsIn).iso
                record.endsOn = today.adding(days: plan.startsIn + plan.days - 1).iso
                record.place = index == 0 ? "芮城县示范职业培训学校实训楼（演示）" : demo.address
                record.capacity = plan.capacity
                record.enrolled = plan.enrolled
                record.createdBy = accountID
                record.createdAt = now
                try await record.create(on: db)
            }
        }
    }
}
