import Foundation
import Vapor

/// The pages and endpoints of Catalogue: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func serviceCategory(key: String) -> SiteURL {
        SiteURL(["services", ":key"], "/services/\(key)")
    }
    static func serviceGuide(seq: Int) -> SiteURL {
        SiteURL(["services", "items", ":seq"], "/services/items/\(seq)")
    }
}
