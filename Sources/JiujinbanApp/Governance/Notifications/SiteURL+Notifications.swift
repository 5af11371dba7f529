import Foundation
import Vapor

/// The pages and endpoints of Notifications: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let notifications = SiteURL(["notifications"], "/notifications")
    static func notificationRead(id: UUID) -> SiteURL {
        SiteURL(["notifications", ":id", "read"], "/notifications/\(id.uuidString.lowercased())/read")
    }
    static let developmentSMS = SiteURL(["dev", "sms"], "/dev/sms")
}
