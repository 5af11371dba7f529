import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("Audit checkpoints: signed, parsed from any line, and the writer's step")
struct AuditCheckpointTests {
    let head = AuditChainHead(sequence: 42, hash: Data(repeating: 7, count: 32))

    @Test("a checkpoint survives its text form and authenticates only with its own key and content")
    func signAndParse() throws {
        let signed = AuditCheckpoint.sign(head: head, at: AuditInstant(millisecondsSince1970: 1_795_572_000_000), writer: "app-1",
                                          key: AuditFixture.key)
        #expect(signed.isAuthentic(key: AuditFixture.key))
        #expect(!signed.isAuthentic(key: SymmetricKey(size: .bits256)))
        let parsed = try #require(AuditCheckpoint.parse("2026-11-25 [ INFO ] audit checkpoint " + signed.line))
        #expect(parsed == signed)
        #expect(!signed.line.contains("\n"))
        for (field, value) in [("seq", "41"), ("at", "1795572000001"), ("writer", "\"app-2\""), ("chain", "\"county-140830\"")] {
            let edited = signed.line.replacingOccurrences(
                of: "\"\(field)\":", with: "\"\(field)\":\(value),\"x\":")
            let forged = try #require(AuditCheckpoint.parse(edited), "\(field)")
            #expect(!forged.isAuthentic(key: AuditFixture.key), "\(field)")
        }
        #expect(AuditCheckpoint.parse("no checkpoint here") == nil)
        #expect(AuditCheckpoint.parse(#"{"checkpoint":1,"chain":"platform","seq":1,"hash":"zz","at":0,"writer":"a","mac":"00"}"#) == nil)
    }

    @Test("the writer moves on only when the table still holds its last checkpoint's row", arguments: [
        // (last, table head, row at last, archived through, expected)
        (nil, nil, nil, nil, "unchanged"),
        (nil, 5, nil, nil, "advance 5"),
        (42, 42, 42, nil, "unchanged"),
        (42, 50, 42, nil, "advance 50"),
        (42, 41, nil, nil, "alarm"),
        (42, nil, nil, nil, "alarm"),
        (42, 50, 99, nil, "alarm"),
        (42, 50, nil, nil, "alarm"),
        (42, 50, nil, 45, "advance 50"),
    ] as [(Int64?, Int64?, Int64?, Int64?, String)])
    func step(last: Int64?, table: Int64?, rowAtLast: Int64?, archived: Int64?, expected: String) {
        func head(_ sequence: Int64) -> AuditChainHead {
            AuditChainHead(sequence: sequence, hash: Data(repeating: UInt8(sequence % 256), count: 32))
        }
        // A "row at last" of 99 stands for a row whose hash differs from the checkpoint's.
        let step = AuditCheckpointStep.decide(
            last: last.map(head), tableHead: table.map(head), rowAtLast: rowAtLast.map { head($0).hash },
            archivedThrough: archived)
        let described: String = switch step {
        case .unchanged: "unchanged"
        case .advance(let to): "advance \(to.sequence)"
        case .alarm: "alarm"
        }
        #expect(described == expected)
    }
}

@Suite("Audit verification against several anchors")
struct AuditSeveralAnchorsTests {
    @Test("every anchor must match its row; the furthest decides truncation; two anchors that disagree are a break")
    func severalAnchors() {
        let rows = AuditFixture.chain(count: 6)
        let key = AuditFixture.key
        func verify(_ kept: [StoredAuditRow], _ anchors: [AuditChainHead]) -> AuditVerification {
            var verifier = AuditChainVerifier(key: key, anchors: anchors)
            for row in kept where !verifier.feed(row) { break }
            return verifier.result
        }
        #expect(verify(rows, [rows[1].head, rows[4].head]).isIntact)
        #expect(verify(Array(rows.prefix(4)), [rows[1].head, rows[4].head]).firstBreak
                == AuditChainBreak(sequence: 5, reason: .truncated(expectedLastSequence: 5)))
        let other = AuditChainHead(sequence: 2, hash: Data(repeating: 1, count: 32))
        #expect(verify(rows, [rows[1].head, other]).firstBreak == AuditChainBreak(sequence: 2, reason: .anchorMismatch))
        #expect(verify([], [rows[0].head]).firstBreak == AuditChainBreak(sequence: 1, reason: .truncated(expectedLastSequence: 1)))
    }
}
