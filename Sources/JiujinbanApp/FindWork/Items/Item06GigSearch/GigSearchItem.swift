/// 零工岗位信息查询 (item 6): a search of the open gigs (`GigsController`).
enum GigSearchItem {
    static let seq = 6
    static let module = SearchItem.module(seq: seq, link: "查询零工岗位") { .gigs(query: $0) }
}
