@testable import JiujinbanApp
import NIOCore
import Testing

@Suite("The CSRF field read from a URL-encoded body without decoding the whole form")
struct CSRFFieldTests {
    @Test("found anywhere in the body, percent- and plus-decoded; absent or prefix-only names are not matched")
    func reads() {
        func field(_ body: String) -> String? {
            SessionMiddleware.formField("_csrf", inURLEncoded: ByteBuffer(string: body))
        }
        #expect(field("_csrf=abc-_123&citizen=1") == "abc-_123")
        #expect(field("citizen=1&note=a+b&_csrf=x%2By%3D%3D") == "x+y==")
        #expect(field("_csrf=a+b") == "a b")
        #expect(field("note=1&_csrfx=evil") == nil)
        #expect(field("x_csrf=evil") == nil)
        #expect(field("") == nil)
        #expect(field("_csrf=") == "")
    }
}
