import Foundation
import Vapor

/// The pages and endpoints of Home: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let home = SiteURL([], "/")
}
