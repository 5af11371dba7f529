/// 就业政策法规查询 (item 12): a search of the policy library (`PoliciesController`).
enum PolicySearchItem {
    static let seq = 12
    static let module = SearchItem.module(seq: seq, link: "查询就业政策法规") { .policies(query: $0) }
}
