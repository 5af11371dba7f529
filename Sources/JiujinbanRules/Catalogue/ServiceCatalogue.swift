import Foundation

/// 服务事项清单: the 40 service items of attachment 1, as data.
public struct ServiceCatalogue: Sendable, Decodable {
    public struct Category: Sendable, Decodable, Equatable {
        public let key: String
        public let name: String
        public let count: Int
    }

    /// 服务渠道
    public enum Channel: String, Sendable, Decodable {
        /// 柜面
        case counter
        /// 自助机
        case kiosk

        public var label: String {
            switch self {
            case .counter: "柜面"
            case .kiosk: "自助机"
            }
        }
    }

    /// 服务事项: one service item.
    public struct Item: Sendable, Decodable, Equatable {
        public let seq: Int
        public let category: String
        public let name: String
        public let content: String
        public let channels: [Channel]
        public let audience: String
        public let requirement: String
        /// 办结时限 in working days; 0 is 即时办结 (done on the spot).
        public let workingDays: Int

        public var timeLimitText: String { workingDays == 0 ? "即时办结" : "\(workingDays)个工作日" }
    }

    public let categories: [Category]
    public let items: [Item]

    public static func decode(_ data: Data) throws -> ServiceCatalogue {
        let catalogue = try JSONDecoder().decode(ServiceCatalogue.self, from: data)
        for category in catalogue.categories {
            let count = catalogue.items.filter { $0.category == category.key }.count
            guard count == category.count else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: [], debugDescription: "category \(category.key) lists \(count) items, expected \(category.count)"))
            }
        }
        return catalogue
    }

    public func items(in category: String) -> [Item] { items.filter { $0.category == category } }
}
