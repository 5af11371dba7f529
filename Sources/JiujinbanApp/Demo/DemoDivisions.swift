import Foundation
import JiujinbanRules

/// Ruicheng's real divisions (NBS 2023, `Assets/demo/ruicheng-divisions.csv`) with demonstration land areas
/// and populations that add up to the county's published figures.
enum DemoDivisions {
    struct Row: Sendable {
        let code: String
        let name: String
        let shortName: String
        let level: DivisionLevel
        let parentCode: String?
        let urbanRuralCode: String?
    }

    /// 芮城县: 1,175.55 km², 342,889 residents (2020 census).
    static let countyCode = "140830000000"
    static let countyAreaCentiKm2 = 117_555
    static let countyPopulation = 342_889

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: try StaticAssets.resourceURL("demo/ruicheng-divisions.csv"), encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 6, let level = DivisionLevel(rawValue: cells[3]) else {
                throw DemoDataError.badReferenceRow(String(line))
            }
            return Row(code: cells[0], name: cells[1], shortName: cells[2], level: level,
                       parentCode: cells[4].isEmpty ? nil : cells[4], urbanRuralCode: cells[5].isEmpty ? nil : cells[5])
        }
    }

    /// Builds the division records. Only the county and its subtree get figures: the province's and city's are
    /// not part of the demonstration.
    static func divisions(from rows: [Row]) -> [Division] {
        let townships = rows.filter { $0.level == .township }
        let childrenOf = Dictionary(grouping: rows.filter { $0.level == .village || $0.level == .community }) { $0.parentCode ?? "" }
        var figures: [String: (area: Int, population: Int)] = [countyCode: (countyAreaCentiKm2, countyPopulation)]

        var rng = SeededGenerator(seedText: countyCode)
        let townshipAreaWeights = townships.map { (childrenOf[$0.code]?.count ?? 1) * Int.random(in: 80...120, using: &rng) }
        // The county seat (古魏镇, with its 13 communities) holds far more residents per village.
        let townshipPopulationWeights = townships.map { township -> Int in
            let children = childrenOf[township.code] ?? []
            let communities = children.filter { $0.level == .community }.count
            return (children.count - communities) * 100 + communities * 450 + Int.random(in: 0...200, using: &rng)
        }
        let areas = ProportionalSplit.split(countyAreaCentiKm2, weights: townshipAreaWeights)
        let populations = ProportionalSplit.split(countyPopulation, weights: townshipPopulationWeights)
        for (index, township) in townships.enumerated() {
            figures[township.code] = (areas[index], populations[index])
            let children = childrenOf[township.code] ?? []
            guard !children.isEmpty else { continue }
            let areaWeights = children.map { ($0.level == .community ? 15 : 100) + Int.random(in: 0...60, using: &rng) }
            let populationWeights = children.map { ($0.level == .community ? 450 : 100) + Int.random(in: 0...80, using: &rng) }
            let childAreas = ProportionalSplit.split(areas[index], weights: areaWeights)
            let childPopulations = ProportionalSplit.split(populations[index], weights: populationWeights)
            for (offset, child) in children.enumerated() {
                figures[child.code] = (childAreas[offset], childPopulations[offset])
            }
        }
        return rows.map { row in
            let figure = figures[row.code]
            return Division(
                code: row.code, name: row.name, shortName: row.shortName, level: row.level, parentCode: row.parentCode,
                urbanRuralCode: row.urbanRuralCode, areaCentiKm2: figure?.area, population: figure?.population,
                figuresAreDemo: figure != nil && row.code != countyCode)
        }
    }
}

enum DemoDataError: Error, CustomStringConvertible {
    case badReferenceRow(String)

    var description: String {
        switch self {
        case .badReferenceRow(let line): "演示区划数据行格式错误：\(line)"
        }
    }
}
