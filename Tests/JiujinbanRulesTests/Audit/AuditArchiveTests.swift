import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("审计归档 the archive a purge writes (S19)")
struct AuditArchiveTests {
    /// An archive of rows `first…last` of a chain of `count`, as the purge writes it.
    func archive(_ rows: [StoredAuditRow], first: Int, last: Int) -> Data {
        let after = first > 1 ? rows[first - 2].head : nil
        let header = AuditArchive.Header(after: after, through: rows[last - 1].head, rowCount: last - first + 1,
                                         cut: AuditFixture.start, archivedAt: AuditFixture.start)
        var data = AuditArchive.line(header)
        for row in rows[(first - 1)..<last] { data.append(AuditArchive.line(row)) }
        return data
    }

    @Test("an archive verifies on its own, from row 1 or from a checkpoint, read whole or in pieces")
    func roundTrip() throws {
        let rows = AuditFixture.chain(count: 8)
        let header = try AuditArchive.check(archive(rows, first: 1, last: 5), key: AuditFixture.key).get()
        #expect(header.through.head == rows[4].head)
        #expect(header.after == nil)
        let later = archive(rows, first: 6, last: 8)
        #expect(try AuditArchive.check(later, key: AuditFixture.key).get().after?.head == rows[4].head)
        var checker = AuditArchive.Checker(key: AuditFixture.key)
        for index in stride(from: 0, to: later.count, by: 7) { checker.feed(later[index..<min(index + 7, later.count)]) }
        #expect(try checker.finish().get().rowCount == 3)
    }

    @Test("an edited, missing, extra, cut-short or wrongly keyed archive is refused")
    func refusals() throws {
        let rows = AuditFixture.chain(count: 6)
        let good = archive(rows, first: 1, last: 4)
        let text = String(decoding: good, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edited = Data(text.replacingOccurrences(of: "第2次操作", with: "第9次操作").utf8)
        lines.remove(at: 2)
        let missing = Data(lines.joined(separator: "\n").utf8)
        var extra = good
        extra.append(AuditArchive.line(rows[4]))
        let cases: [(String, Data, SymmetricKey)] = [
            ("edited", edited, AuditFixture.key), ("missing row", missing, AuditFixture.key), ("extra row", extra, AuditFixture.key),
            ("cut short", good.dropLast(10), AuditFixture.key), ("other key", good, AuditFixture.otherKey),
            ("no header", Data(good.drop { $0 != UInt8(ascii: "\n") }.dropFirst()), AuditFixture.key),
        ]
        for (name, data, key) in cases {
            #expect((try? AuditArchive.check(data, key: key).get()) == nil, "\(name)")
        }
    }

    @Test("a checkpoint counts only when a later purge row attests it")
    func attestation() throws {
        var rows = AuditFixture.chain(count: 4)
        let checkpoint = rows[1].head
        let remaining = Array(rows[2...])
        let unattested = AuditChain.verify(rows: remaining, key: AuditFixture.key, after: checkpoint)
        #expect(unattested.isIntact) // without the requirement, as before
        var verifier = AuditChainVerifier(key: AuditFixture.key, after: checkpoint, requireAttestation: true)
        for row in remaining { _ = verifier.feed(row) }
        #expect(verifier.result.firstBreak == AuditChainBreak(sequence: 2, reason: .unattestedCheckpoint))

        var purge = AuditFixture.entry(5)
        purge.action = AuditArchive.purgeAction
        purge.objectID = AuditArchive.attestation(of: checkpoint)
        rows.append(try AuditChain.append(purge, after: rows.last?.head, key: AuditFixture.key))
        var attested = AuditChainVerifier(key: AuditFixture.key, after: checkpoint, requireAttestation: true)
        for row in rows[2...] { _ = attested.feed(row) }
        #expect(attested.result.isIntact)
    }
}
