import Foundation
import JiujinbanRules
import Testing

private let created = Date(timeIntervalSince1970: 1_795_913_730)

@Suite("登录二维码票据 login ticket")
struct LoginTicketTests {
    @Test func idCarries128BitsAsBase64URL() throws {
        let id = LoginTicket.generateID()

        let bytes = try #require(Base64URL.decode(id))

        #expect(bytes.count * 8 >= 128)
        #expect(id.count == 22)
        #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    @Test func seededGeneratorGivesAKnownID() {
        var generator = SeededGenerator(seed: 42)
        var again = SeededGenerator(seed: 42)
        var other = SeededGenerator(seed: 43)

        let id = LoginTicket.generateID(using: &generator)

        #expect(id == LoginTicket.generateID(using: &again))
        #expect(id != LoginTicket.generateID(using: &other))
        #expect(id != LoginTicket.generateID(using: &generator))
        #expect(Base64URL.decode(id)?.count == LoginTicket.randomByteCount)
    }

    @Test func everyRandomByteIsUsed() {
        var generator = ConstantGenerator()

        #expect(LoginTicket.generateID(using: &generator) == Base64URL.encode(Data([
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
        ])))
    }

    @Test func systemIDsDiffer() {
        let ids = (0..<1000).map { _ in LoginTicket.generateID() }

        #expect(Set(ids).count == 1000)
    }

    @Test("state at the 120 s boundary", arguments: [
        (0, nil, LoginTicket.State.fresh),
        (-5, nil, .fresh),
        (119.999, nil, .fresh),
        (120, nil, .fresh),
        (120.001, nil, .expired),
        (3600, nil, .expired),
        (30, 10, .consumed),
        (3600, 10, .consumed),
        (0, 0, .consumed),
    ] as [(TimeInterval, TimeInterval?, LoginTicket.State)])
    func state(secondsAfterCreation: TimeInterval, consumedAfter: TimeInterval?, expected: LoginTicket.State) {
        let state = LoginTicket.state(
            createdAt: created, consumedAt: consumedAfter.map { created.addingTimeInterval($0) },
            now: created.addingTimeInterval(secondsAfterCreation)
        )

        #expect(state == expected)
    }

    @Test func lifetimeIsConfigurable() {
        #expect(LoginTicket.state(createdAt: created, consumedAt: nil, now: created.addingTimeInterval(61), lifetime: 60) == .expired)
        #expect(LoginTicket.state(createdAt: created, consumedAt: nil, now: created.addingTimeInterval(60), lifetime: 60) == .fresh)
    }
}

/// Returns 0x0102030405060708 every time, to show how generator output becomes ticket bytes.
private struct ConstantGenerator: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0x0102_0304_0506_0708 }
}
