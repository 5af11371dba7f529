import Fluent
import Vapor

/// 计算依据: the tables where a case keeps its computation and the policy figures it used (M0055, the yearly ones M0066), read by the case
/// page and the receipt of every case (a case that computed nothing has no row).
enum CaseComputationsFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] { [M0055CreateCaseComputations(), M0066CreateCaseFigureYears()] }
}
