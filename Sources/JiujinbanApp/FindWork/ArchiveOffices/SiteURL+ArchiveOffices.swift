import Foundation
import Vapor

/// The pages and endpoints of ArchiveOffices: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func archiveOffices(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["archive-offices"], "/archive-offices" + Self.queryString(query))
    }
    static let newArchiveOffice = SiteURL(["archive-offices", "new"], "/archive-offices/new")
    static func archiveOffice(id: UUID) -> SiteURL {
        SiteURL(["archive-offices", ":id"], "/archive-offices/\(id.uuidString.lowercased())")
    }
    static func editArchiveOffice(id: UUID) -> SiteURL {
        SiteURL(["archive-offices", ":id", "edit"], "/archive-offices/\(id.uuidString.lowercased())/edit")
    }
}
