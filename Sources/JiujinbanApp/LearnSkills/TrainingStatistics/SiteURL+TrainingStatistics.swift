import Foundation
import Vapor

/// The pages and endpoints of TrainingStatistics: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func trainingStatistics(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["training", "statistics"], "/training/statistics" + Self.queryString(query))
    }
    static func trainingStatisticsExport(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["training", "statistics", "export"], "/training/statistics/export" + Self.queryString(query))
    }
}
