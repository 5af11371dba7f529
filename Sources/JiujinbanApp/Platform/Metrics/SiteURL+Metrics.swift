import Foundation
import Vapor

/// The pages and endpoints of Metrics: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let metrics = SiteURL(["metrics"], "/metrics")
}
