import Foundation
import JiujinbanRules
import Plot

/// 业务指导视频培训: which sessions a user sees, and how they are listed.
enum TrainingSessions {
    static func list(_ sessions: [TrainingSessionLine], title: String) -> Node<HTML.BodyContext> {
        .if(!sessions.isEmpty, .section(
            .class("panel trainings"),
            .h2(.text(title)),
            .table(.class("data-table compact"),
                   .thead(.tr(.th("日期"), .th("时间"), .th("主题"), .th("针对问题类型"), .th("参加县（市、区）"), .th("视频链接或会议室"))),
                   .tbody(.forEach(sessions) { session in
                       .tr(.td(.class("nowrap"), .text(session.date)), .td(.text(session.time)), .td(.text(session.topic)),
                           .td(.text(session.areas)), .td(.text(session.counties)),
                           .td(venue(session.venue)))
                   }))))
    }

    /// A web address as a link that opens apart from the platform; a room as text.
    static func venue(_ venue: String) -> Node<HTML.BodyContext> {
        if let link = TrainingSessionDraft.link(venue) {
            return .a(.href(link),
                      .attribute(named: "rel", value: "noopener noreferrer"), .target(.blank), .text(venue))
        }
        return .text(venue)
    }
}
