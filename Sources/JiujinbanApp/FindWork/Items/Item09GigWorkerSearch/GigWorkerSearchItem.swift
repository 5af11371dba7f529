/// 零工求职信息查询 (item 9): a search of the registered gig workers (`GigMatchingController`).
enum GigWorkerSearchItem {
    static let seq = 9
    static let module = SearchItem.module(seq: seq, link: "查询零工求职信息") { .gigWorkers(query: $0) }
}
