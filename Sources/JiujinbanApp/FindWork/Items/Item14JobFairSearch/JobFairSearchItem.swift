/// 招聘会信息查询 (item 14): a search of the job fairs (`JobFairsController`).
enum JobFairSearchItem {
    static let seq = 14
    static let module = SearchItem.module(seq: seq, link: "查询招聘会信息") { .jobFairs(query: $0) }
}
