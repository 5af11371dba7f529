/// 固定工岗位信息查询 (item 3): a search of the open postings (`JobPostingsController`).
enum JobPostingSearchItem {
    static let seq = 3
    static let module = SearchItem.module(seq: seq, link: "查询招聘岗位") { .jobPostings(query: $0) }
}
