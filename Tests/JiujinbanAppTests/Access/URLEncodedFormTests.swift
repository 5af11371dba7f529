@testable import JiujinbanApp
import NIOCore
import Testing

@Suite("A URL-encoded form read once into plain fields (the CSRF check and the handler share it)")
struct URLEncodedFormTests {
    @Test("found anywhere in the body, percent- and plus-decoded; absent or prefix-only names are not matched")
    func reads() {
        func field(_ body: String) -> String? {
            URLEncodedForm.fields(ByteBuffer(string: body))?["_csrf"]
        }
        #expect(field("_csrf=abc-_123&citizen=1") == "abc-_123")
        #expect(field("citizen=1&note=a+b&_csrf=x%2By%3D%3D") == "x+y==")
        #expect(field("_csrf=a+b") == "a b")
        #expect(field("note=1&_csrfx=evil") == nil)
        #expect(field("x_csrf=evil") == nil)
        #expect(field("") == nil)
        #expect(field("_csrf=") == "")
    }

    @Test("every field: Chinese text in UTF-8 percent-encoding, names without a value, the last of a repeated name")
    func fields() {
        let body = "name=%E9%99%88%E7%BA%A2%E6%A2%85&flag&note=a%26b%3Dc&item=1&item=2&%E5%A4%87=x+y"
        #expect(URLEncodedForm.fields(ByteBuffer(string: body)) == [
            "name": "陈红梅", "flag": "", "note": "a&b=c", "item": "2", "备": "x y",
        ])
    }

    @Test("a malformed escape or bytes that are not UTF-8 make the whole form unreadable, not half read")
    func malformed() {
        #expect(URLEncodedForm.fields(ByteBuffer(string: "a=1&b=%2")) == nil)
        #expect(URLEncodedForm.fields(ByteBuffer(string: "a=%ZZ")) == nil)
        #expect(URLEncodedForm.fields(ByteBuffer(string: "a=%FF%FE")) == nil)
    }
}
