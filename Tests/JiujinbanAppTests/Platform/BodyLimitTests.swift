import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("Request body limits per route (S24)")
struct BodyLimitTests {
    /// A service-point form whose address makes the body exactly `size` bytes.
    func pointForm(_ session: TestSession, size: Int) -> ByteBuffer {
        let fields = AuditTests.pointFields.filter { $0.0 != "address" }
        let base = session.form(fields + [("address", "")]).readableBytes
        return session.form(fields + [("address", String(repeating: "a", count: size - base))])
    }

    @Test("every route states its limit; none above the form limit until an upload needs one")
    func everyRouteHasALimit() async throws {
        try await TestApp.run { app in
            // The problem report takes three screenshots, an acceptance six photos, the monthly entry evidence files,
            // the training registry a county's monitoring list.
            let uploads: [[String]: ByteCount] = [["problems"]: ProblemReportsController.uploadLimit,
                                                  ["service-points", ":id", "acceptance"]: AcceptanceController.photoUploadLimit,
                                                  ["reports", "monthly", "entry"]: ReportEntryController.uploadLimit,
                                                  ["training", "monitoring-list"]: MonitoringListController.uploadLimit]
            for route in app.routes.all {
                let limit = try #require(route.bodyLimit, "\(route.method) \(route.path)")
                let path = route.path.map(\.description)
                if route.method == .POST, let upload = uploads[path] {
                    #expect(limit == upload)
                } else {
                    #expect(limit.value <= BodyLimit.form.value, "\(route.method) \(route.path)")
                }
            }
            let callback = app.routes.all.first { $0.path.map(\.description) == ["login", "card", "callback"] }
            #expect(callback?.bodyLimit == ByteCount(value: CardAssertionWire.maximumByteCount))
        }
    }

    @Test("a form over 64 KB is refused with 413 and the Chinese error page; just under it is validated as usual")
    func formRoute() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let before = try await ServicePoint.query(on: app.db).count()
            let over = pointForm(admin, size: BodyLimit.form.value + 1)
            #expect(over.readableBytes == 65_537)
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: over) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.headers.contentType == .html)
                #expect(res.text.contains("提交的内容过大：此处最多接受 64 KB"))
            }
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders,
                                         body: pointForm(admin, size: BodyLimit.form.value)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("服务点地址不能超过100个字"))
            }
            let after = try await ServicePoint.query(on: app.db).count()
            #expect(after == before)
        }
    }

    @Test("the card platform's callback takes at most 4 KB; under /api the refusal is JSON")
    func callbackAndAPI() async throws {
        try await TestApp.run { app in
            let limit = CardAssertionWire.maximumByteCount
            try await app.testing().test(.POST, "/login/card/callback", headers: ["Content-Type": "application/json"],
                                         body: ByteBuffer(repeating: UInt8(ascii: " "), count: limit + 1)) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.text.contains("提交的内容过大：此处最多接受 4 KB"))
            }
            try await app.testing().test(.POST, "/login/card/callback", headers: ["Content-Type": "application/json"],
                                         body: ByteBuffer(repeating: UInt8(ascii: " "), count: limit)) { res in
                #expect(res.status == .unauthorized) // read and refused as a malformed assertion, not for its size
            }
            let admin = try await app.session(as: .countySystemAdmin)
            var json = admin.headers
            json.add(name: .contentType, value: "application/json")
            try await app.testing().test(.POST, "/api/service-points", headers: json,
                                         body: ByteBuffer(repeating: UInt8(ascii: " "), count: BodyLimit.form.value + 1)) { res in
                #expect(res.status == .payloadTooLarge)
                let body = try res.content.decode(AppErrorMiddleware.ErrorBody.self)
                #expect(body.error)
                #expect(body.reason.contains("提交的内容过大"))
            }
        }
    }

    @Test("a body streamed in chunks without a length is counted and refused past the limit")
    func streamedBody() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
            do {
                /// POSTs `chunks` chunks of `size` bytes with `Transfer-Encoding: chunked`.
                func stream(_ path: String, headers: HTTPHeaders, chunks: Int, size: Int) async throws -> HTTPResponseStatus {
                    let request = try HTTPClient.Request(
                        url: "http://127.0.0.1:\(port)\(path)", method: .POST, headers: headers,
                        body: .stream(contentLength: nil) { writer in
                            var written = writer.write(.byteBuffer(ByteBuffer(repeating: UInt8(ascii: "a"), count: size)))
                            for _ in 1..<chunks {
                                written = written.flatMap { writer.write(.byteBuffer(ByteBuffer(repeating: UInt8(ascii: "a"), count: size))) }
                            }
                            return written
                        })
                    return try await client.execute(request: request).get().status
                }
                let callback = try await stream("/login/card/callback", headers: ["Content-Type": "application/json"],
                                                chunks: 3, size: 2_048)
                #expect(callback == .payloadTooLarge)
                let form = try await stream("/service-points", headers: admin.formHeaders, chunks: 20, size: 4_096)
                #expect(form == .payloadTooLarge)
                let small = try await stream("/login/card/callback", headers: ["Content-Type": "application/json"],
                                             chunks: 2, size: 1_024)
                #expect(small == .unauthorized)
            } catch {
                try? await client.shutdown()
                await app.server.shutdown()
                throw error
            }
            try await client.shutdown()
            await app.server.shutdown()
        }
    }
}
