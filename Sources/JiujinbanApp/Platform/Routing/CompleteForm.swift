import Vapor

/// A form that replaces a whole list must arrive whole. A browser always sends its page's selects and text or date
/// inputs (empty when left blank); it sends nothing for an unticked box, so a form of checkboxes carries a hidden
/// marker naming the boxes it shows. A field that is absent, rather than empty, means the request did not come from
/// the page as drawn: it is refused (422) with the field named, and nothing is changed — never read as "clear it".
enum CompleteForm {
    /// Throws a 422 naming the first of `fields` (name, label) the request does not carry at all.
    static func require(_ req: Request, _ fields: [(name: String, label: String)]) throws {
        for field in fields where (try? req.content.get(String.self, at: field.name)) == nil {
            throw incomplete(field.label)
        }
    }

    /// Throws a 422 unless the marker `name` lists exactly `shown` (comma-separated, any order).
    static func requireMarker(_ req: Request, _ name: String, listing shown: [String], label: String) throws {
        guard let marker = try? req.content.get(String.self, at: name),
              Set(marker.split(separator: ",").map(String.init)) == Set(shown) else {
            throw incomplete(label)
        }
    }

    static func incomplete(_ label: String) -> PublicError {
        PublicError(.unprocessableEntity, "提交的表单不完整：缺少“\(label)”，未作任何修改；请刷新页面后重新填写提交")
    }
}
