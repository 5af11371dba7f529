import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 培训机构推荐's page: the person and each open training intention with its ranked institutions.
struct TrainingRecommendationsView: Sendable {
    struct Intention: Sendable {
        let id: UUID
        /// `育婴员 · 五级/初级工`.
        let wanted: String
        let registeredOn: String
        let period: String
        let groups: [String]
        let rows: [RecommendedInstitution]
        /// The user's point registered it and may withdraw it (撤销培训意向).
        let withdrawable: Bool
    }

    let citizenID: UUID
    let maskedName: String
    /// Whether a service point locates the person's residence (else every distance is unknown).
    let homeKnown: Bool
    let intentions: [Intention]
    /// Whether the user may record item 17's case, and register an intention (item 16).
    let mayRecommend: Bool
    let mayRegister: Bool
    let recommendationItem: Int
    let intentionItem: Int
}

/// The printed list of one case of item 17 (A4; the person's name masked).
struct TrainingRecommendationPrint: Sendable {
    let caseID: UUID
    let caseNumber: String
    let maskedName: String
    let recommendedOn: String
    let wanted: String
    let servicePoint: String
    let rows: [RecommendedInstitution]
}

enum TrainingRecommendationQueries {
    static func view(citizen: CitizenRecord, staff: SignedInStaff, today: CalendarDate, on db: any Database) async throws
        -> TrainingRecommendationsView
    {
        let id = try citizen.requireID()
        let county = staff.county
        let open = try await TrainingIntentionRecord.query(on: db).filter(\.$citizenID == id).filter(\.$countyCode == county.value)
            .filter(\.$closedOn == nil).sort(\.$registeredOn).all()
        let names = try await OccupationStore.names(of: open.map(\.occupationCode), on: db)
        var intentions: [TrainingRecommendationsView.Intention] = []
        var homeKnown = false
        if !open.isEmpty {
            // What the intentions can use of the county's catalogue, and the person's place, are read once for all of them.
            let wanted = Set(open.compactMap { intention in intention.skillLevel.map { ClassPlanDraft.Approval(occupationCode: intention.occupationCode, level: $0) } })
            let ranking = try await InstitutionRanking.load(county: county, wanted: wanted, today: today, on: db)
            let home = try await InstitutionRanking.home(of: citizen, on: db)
            homeKnown = home != nil
            for intention in open {
                let rows = intention.skillLevel.map { ranking.rows(occupation: intention.occupationCode, level: $0, from: home, today: today) } ?? []
                let withdrawable = intention.servicePointID == staff.ownServicePoint && intention.status == TrainingIntentionRecord.Status.open.rawValue
                    && CaseFile.mayAccept(staff.account, item: TrainingIntentionItem.seq, grants: staff.grants).isAllowed
                intentions.append(.init(id: try intention.requireID(), wanted: intention.wantedText(names), registeredOn: intention.registeredOn,
                                        period: intention.periodText, groups: TrainingIntentionBases.lines(intention.groupBases), rows: rows,
                                        withdrawable: withdrawable))
            }
        }
        func mayAccept(_ seq: Int) -> Bool { CaseFile.mayAccept(staff.account, item: seq, grants: staff.grants).isAllowed }
        return TrainingRecommendationsView(
            citizenID: id, maskedName: citizen.maskedName, homeKnown: homeKnown, intentions: intentions,
            mayRecommend: mayAccept(InstitutionRecommendationItem.seq), mayRegister: mayAccept(TrainingIntentionItem.seq),
            recommendationItem: InstitutionRecommendationItem.seq, intentionItem: TrainingIntentionItem.seq)
    }

    /// The list a case kept, or nil when the case is not one of item 17's with a list.
    static func printed(_ record: CaseRecord, on db: any Database) async throws -> TrainingRecommendationPrint? {
        let caseID = try record.requireID()
        guard let kept = try await TrainingRecommendationRecord.query(on: db).filter(\.$caseID == caseID).first(),
              let intention = try await TrainingIntentionRecord.find(kept.intentionID, on: db) else { return nil }
        let rows = (try? JSONDecoder().decode([RecommendedInstitution].self, from: Data(kept.rows.utf8))) ?? []
        let names = try await OccupationStore.names(of: [intention.occupationCode], on: db)
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: db)
        let point = try await ServicePoint.find(record.servicePointID, on: db)
        return TrainingRecommendationPrint(caseID: caseID, caseNumber: record.number, maskedName: citizen?.maskedName ?? "",
                                           recommendedOn: kept.recommendedOn, wanted: intention.wantedText(names),
                                           servicePoint: point?.institution ?? "", rows: rows)
    }
}

extension TrainingIntentionRecord {
    /// The occupation by name (its code when the list has no name) and the level: `育婴员 · 五级/初级工`.
    func wantedText(_ names: [String: String]) -> String {
        (names[occupationCode] ?? occupationCode) + " · " + (skillLevel?.chinese ?? String(level))
    }

    /// 期望培训时间 as registered: `2026-12-01 至 2027-03-31`, one end open, or 不限.
    var periodText: String {
        switch (periodFrom, periodTo) {
        case let (from?, to?): "\(from) 至 \(to)"
        case let (from?, nil): "\(from) 起"
        case let (nil, to?): "\(to) 前"
        case (nil, nil): "不限"
        }
    }
}
