import Foundation

/// Through which channel a case came: the catalogue's two for citizens (柜面, 自助机), an interface for other systems
/// (接口), and the platform itself (系统).
public enum CaseChannel: String, Sendable, CaseIterable, Codable {
    case counter
    case kiosk
    case interface
    case system

    public var label: String {
        switch self {
        case .counter: "柜面"
        case .kiosk: "自助机"
        case .interface: "接口"
        case .system: "系统"
        }
    }
}

/// Why the platform itself opens a case of an item: an item declares the purposes it allows.
public enum PlatformPurpose: String, Sendable, CaseIterable, Codable {
    /// A follow-up the platform opens after an earlier case (培训意向跟踪反馈 after 培训意向登记).
    case followUp
    /// A release the platform makes when its time comes (a card's loss report lifted automatically).
    case automaticRelease

    public var label: String {
        switch self {
        case .followUp: "跟踪回访"
        case .automaticRelease: "到期自动办理"
        }
    }
}

/// Who may open a case of an item through which channel, besides the counter staff's own grants (`CaseFile.mayAccept`):
/// the catalogue's channels, an interface client's scope, and the purposes an item allows the platform.
public enum CaseAccess {
    /// The actor, as far as these rules need it.
    public enum Actor: Sendable {
        /// Counter staff: what they may handle is decided by their grants.
        case staff
        /// A registered kiosk acting for the person it identified.
        case kiosk(identified: UUID)
        /// A system calling the interface for a service point: the items and divisions its scope names.
        case interface(items: Set<Int>, divisions: [DivisionCode])
        /// The platform itself, for a purpose.
        case platform(PlatformPurpose)
    }

    /// What the item allows, from the catalogue and its module.
    public struct ItemChannels: Sendable {
        public let seq: Int
        public let name: String
        public let channels: Set<ServiceCatalogue.Channel>
        public let platformPurposes: Set<PlatformPurpose>

        public init(seq: Int, name: String, channels: Set<ServiceCatalogue.Channel>, platformPurposes: Set<PlatformPurpose>) {
            (self.seq, self.name, self.channels, self.platformPurposes) = (seq, name, channels, platformPurposes)
        }
    }

    public static func channel(of actor: Actor) -> CaseChannel {
        switch actor {
        case .staff: .counter
        case .kiosk: .kiosk
        case .interface: .interface
        case .platform: .system
        }
    }

    /// Why `actor` may not open a case of `item` for `citizen` at a point in `division`; nil when it may.
    public static func refusal(_ actor: Actor, item: ItemChannels, citizen: UUID, division: DivisionCode) -> String? {
        switch actor {
        case .staff:
            return item.channels.contains(.counter) ? nil : "“\(item.name)”不在柜面办理"
        case .kiosk(let identified):
            guard item.channels.contains(.kiosk) else { return "“\(item.name)”不能在自助机办理，请到服务点柜面办理" }
            return identified == citizen ? nil : "自助机只能为已核验身份的本人办理"
        case .interface(let items, let divisions):
            guard items.contains(item.seq) else { return "接口客户端无权办理“\(item.name)”" }
            return divisions.contains { $0.contains(division) } ? nil : "接口客户端无权代理该服务点所在区划的业务"
        case .platform(let purpose):
            return item.platformPurposes.contains(purpose) ? nil : "系统不能自动办理“\(item.name)”（\(purpose.label)）"
        }
    }
}
