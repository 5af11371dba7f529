import Foundation
import Testing
import JiujinbanRules

/// Decodes symbols with an independent reader, `zbarimg` from the Debian package `zbar-tools`.
///
/// Without zbarimg the suite is skipped, unless `JIUJINBAN_REQUIRE_ZBAR` is set (CI sets it to 1): then a missing
/// zbarimg fails the tests instead of silently proving nothing.
@Suite(
    "Round trip through zbarimg",
    .enabled(
        if: ZBarImage.executable != nil || ZBarImage.requiredByEnvironment,
        "zbarimg not found (apt-get install zbar-tools); set JIUJINBAN_REQUIRE_ZBAR=1 to make this a failure"))
struct QRZbarRoundTripTests {
    struct Payload: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let errorCorrection: QRErrorCorrection
        let minimumVersion: Int
        var testDescription: String { name }
    }

    static let loginURL = "http://127.0.0.1:8080/login/qr/scan?ticket=" + "kM3v_Q9xTz-8bLr2WcYp7dHnA0sEjUf4Gq6iKoVaR1e"

    static let payloads: [Payload] = [
        Payload(name: "short ASCII", bytes: Array("Jiujinban".utf8), errorCorrection: .medium, minimumVersion: 1),
        Payload(name: "login URL", bytes: Array(loginURL.utf8), errorCorrection: .medium, minimumVersion: 5),
        Payload(name: "Chinese UTF-8", bytes: Array("就近办 电子社保卡 扫码登录".utf8), errorCorrection: .medium,
                minimumVersion: 3),
        Payload(name: "every byte value, level H", bytes: (0...255).map(UInt8.init), errorCorrection: .high,
                minimumVersion: 7),
        Payload(name: "120 bytes, version 7", bytes: sample(count: 120), errorCorrection: .medium, minimumVersion: 7),
        Payload(name: "700 bytes, version 20", bytes: sample(count: 700), errorCorrection: .medium, minimumVersion: 20),
        Payload(name: "1200 Chinese bytes, level Q", bytes: Array(String(repeating: "扫码登录", count: 100).utf8),
                errorCorrection: .quartile, minimumVersion: 30),
        Payload(name: "full version 40, level L", bytes: sample(count: 2953), errorCorrection: .low,
                minimumVersion: 40),
    ]

    /// Printable text with a little of everything, so no single mask is trivially best.
    static func sample(count: Int) -> [UInt8] {
        let alphabet = Array("就近办 jiujinban 0123456789 ABCxyz-_/?=&".utf8)
        return (0..<count).map { alphabet[($0 &* 7 &+ $0 / 13) % alphabet.count] }
    }

    @Test("zbarimg reads back the exact bytes", arguments: payloads)
    func roundTrip(payload: Payload) throws {
        let zbarimg = try #require(
            ZBarImage.executable,
            "JIUJINBAN_REQUIRE_ZBAR is set but zbarimg is not on PATH; install the Debian package zbar-tools")
        let code = try QRCode(bytes: payload.bytes, errorCorrection: payload.errorCorrection)
        #expect(code.version >= payload.minimumVersion)
        let decoded = try ZBarImage.decode(code, using: zbarimg)
        #expect(decoded == payload.bytes, "zbarimg read \(decoded.count) bytes, expected \(payload.bytes.count)")
    }
}

enum ZBarImage {
    static let requiredByEnvironment = ProcessInfo.processInfo.environment["JIUJINBAN_REQUIRE_ZBAR"] != nil

    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("zbarimg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// `-Sbinary` makes zbarimg print the byte-mode data as is, without charset guessing or a trailing newline.
    static let arguments = ["--quiet", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable", "-Sbinary"]

    /// Writes the symbol as a binary PGM, 4 pixels per module with the 4-module quiet zone, and decodes it.
    static func decode(_ code: QRCode, using zbarimg: URL) throws -> [UInt8] {
        let scale = 4, border = QRCode.quietZoneModules
        let side = (code.size + 2 * border) * scale
        var image = Data("P5\n\(side) \(side)\n255\n".utf8)
        for row in 0..<side {
            for column in 0..<side {
                let dark = code.isDark(x: column / scale - border, y: row / scale - border)
                image.append(dark ? 0 : 255)
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jiujinban-qr-\(UUID()).pgm")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = zbarimg
        process.arguments = arguments + [file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "zbarimg exited with \(process.terminationStatus): no symbol found")
        return Array(data)
    }
}
