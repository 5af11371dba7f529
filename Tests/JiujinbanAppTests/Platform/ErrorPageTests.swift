@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

struct DatabaseExplosion: Error, CustomStringConvertible {
    var description: String { "SQLITE_ERROR: no such table secret_things in /work/main/Sources/JiujinbanApp/x.swift:42" }
}

@Suite("Error pages in Chinese, never internals")
struct ErrorPageTests {
    @Test("an unknown page is a Chinese 404 page inside the layout")
    func notFoundPage() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/no-such-page", headers: admin.headers) { res in
                #expect(res.status == .notFound)
                #expect(res.headers.contentType == .html)
                #expect(res.text.contains("您访问的页面不存在"))
                #expect(res.text.contains("就业社保服务信息系统（“就近办”平台）"))
            }
        }
    }

    @Test("under /api errors are JSON {error, reason}")
    func apiErrors() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/api/no-such-thing", headers: admin.headers) { res in
                #expect(res.status == .notFound)
                let body = try res.content.decode(AppErrorMiddleware.ErrorBody.self)
                #expect(body.error)
                #expect(body.reason == "您访问的页面不存在")
            }
            try await app.testing().test(.GET, "/api/service-points?county=abc", headers: admin.headers) { res in
                #expect(res.status == .badRequest)
                let namesTheParameter = try res.content.decode(AppErrorMiddleware.ErrorBody.self).reason.contains("county")
                #expect(namesTheParameter)
            }
        }
    }

    @Test("a 500 shows neither the error, SQL nor file paths, as HTML or JSON")
    func internalErrorsHidden() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            app.get("explode") { _ -> String in throw DatabaseExplosion() }
            app.get("api", "explode") { _ -> String in throw DatabaseExplosion() }
            for path in ["/explode", "/api/explode"] {
                try await app.testing().test(.GET, path, headers: admin.headers) { res in
                    #expect(res.status == .internalServerError)
                    for secret in ["SQLITE", "secret_things", "/work/", ".swift", "DatabaseExplosion"] {
                        #expect(!res.text.contains(secret))
                    }
                    #expect(res.text.contains("服务器内部错误"))
                }
            }
        }
    }

    @Test("a malformed form body is a 400 without decoder details")
    func malformedBody() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            var json = admin.headers
            json.add(name: .contentType, value: "application/json")
            json.add(name: "X-CSRF-Token", value: admin.csrf)
            try await app.testing().test(.POST, "/service-points", headers: json,
                                         body: ByteBuffer(string: "{\"name\": [1,2")) { res in
                #expect(res.status == .badRequest)
                #expect(!res.text.contains("DecodingError"))
                #expect(!res.text.contains("codingPath"))
            }
        }
    }

    @Test("served over TLS, every answer carries HSTS; served over plain HTTP (development), none")
    func strictTransportSecurity() async throws {
        for tls in [true, false] {
            try await TestApp.run(servedOverTLS: tls) { app in
                let admin = try await app.session(as: .countySystemAdmin)
                for path in ["/", "/login", "/healthz", "/no-such-page"] {
                    try await app.testing().test(.GET, path, headers: path == "/login" ? [:] : admin.headers) { res in
                        let header = res.headers.first(name: "Strict-Transport-Security")
                        #expect(header == (tls ? "max-age=31536000; includeSubDomains" : nil), "\(path) tls=\(tls)")
                    }
                }
            }
        }
    }

    @Test("every page carries the security headers")
    func securityHeaders() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/", headers: admin.headers) { res in
                #expect(res.status == .ok)
                let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: .cacheControl) == "no-store")
            }
        }
    }

    @Test("pages render: home, the four service groups, divisions, forms")
    func pagesRender() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            for path in ["/", "/services/job", "/services/skill", "/services/insurance", "/services/card",
                         "/divisions/140830101000", "/divisions/new?parent=140830100000", "/service-points/new",
                         "/static/app.css"] {
                try await app.testing().test(.GET, path, headers: admin.headers) { res in
                    #expect(res.status == .ok, "\(path)")
                }
            }
            try await app.testing().test(.GET, "/services/job", headers: admin.headers) { res in
                #expect(res.text.contains("固定工求职登记"))
                #expect(res.text.contains("我要找工作（15项）"))
            }
        }
    }
}
