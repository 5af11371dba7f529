import Foundation
import Vapor

/// The pages and endpoints of Health: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let healthz = SiteURL(["healthz"], "/healthz")
}
