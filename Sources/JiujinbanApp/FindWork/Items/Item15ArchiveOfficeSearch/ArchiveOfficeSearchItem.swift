/// 档案存放机构查询 (item 15): a search of the personnel-archive offices (`ArchiveOfficesController`).
enum ArchiveOfficeSearchItem {
    static let seq = 15
    static let module = SearchItem.module(seq: seq, link: "查询档案存放机构") { .archiveOffices(query: $0) }
}
