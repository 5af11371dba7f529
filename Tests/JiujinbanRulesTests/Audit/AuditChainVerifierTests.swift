import Crypto
import Foundation
import JiujinbanRules
import Testing

private func verify(
    _ rows: [StoredAuditRow], key: SymmetricKey = AuditFixture.key, anchor: AuditChainHead? = nil,
    after checkpoint: AuditChainHead? = nil
) -> AuditVerification {
    AuditChain.verify(rows: rows, key: key, anchor: anchor, after: checkpoint)
}

private func broken(at sequence: Int64, _ reason: AuditChainBreakReason) -> AuditChainBreak {
    AuditChainBreak(sequence: sequence, reason: reason)
}

@Suite("审计哈希链 verification")
struct AuditChainVerifierTests {
    @Test func validChainVerifies() {
        let rows = AuditFixture.chain(count: 5)

        let result = verify(rows, anchor: rows[4].head)

        #expect(result.isIntact)
        #expect(result.firstBreak == nil)
        #expect(result.rowsChecked == 5)
        #expect(result.lastVerified == rows[4].head)
    }

    @Test func emptyTableIsIntact() {
        let result = verify([])

        #expect(result.isIntact)
        #expect(result.rowsChecked == 0)
        #expect(result.lastVerified == nil)
    }

    @Test("an edited field is a hash mismatch at that row",
          arguments: AuditEdit.allCases.filter { $0 != .sequence })
    func editedField(edit: AuditEdit) {
        var rows = AuditFixture.chain(count: 5)
        rows[2].entry = edit.apply(to: rows[2].entry)

        let result = verify(rows)

        #expect(result.firstBreak == broken(at: 3, .hashMismatch))
        #expect(result.rowsChecked == 3)
        #expect(result.lastVerified == rows[1].head)
    }

    @Test func editedSequenceIsAGap() {
        var rows = AuditFixture.chain(count: 5)
        rows[2].entry.sequence = 7

        #expect(verify(rows).firstBreak == broken(at: 7, .sequenceGap(expected: 3)))
    }

    @Test func editedHashColumn() {
        var rows = AuditFixture.chain(count: 5)
        rows[2].hash[0] ^= 0x01

        #expect(verify(rows).firstBreak == broken(at: 3, .hashMismatch))
    }

    @Test func deletedMiddleRow() {
        var rows = AuditFixture.chain(count: 5)
        rows.remove(at: 2)

        let result = verify(rows)

        #expect(result.firstBreak == broken(at: 4, .sequenceGap(expected: 3)))
        #expect(result.rowsChecked == 3)
    }

    @Test func deletedFirstRow() {
        let rows = Array(AuditFixture.chain(count: 5).dropFirst())

        #expect(verify(rows).firstBreak == broken(at: 2, .sequenceGap(expected: 1)))
    }

    /// The limitation that the anchor exists for: without it, a shortened chain is still a valid chain.
    @Test func deletedLastRowNeedsTheAnchor() {
        let rows = AuditFixture.chain(count: 5)
        let shortened = Array(rows.dropLast())

        #expect(verify(shortened).isIntact)
        #expect(verify(shortened, anchor: rows[4].head).firstBreak == broken(at: 5, .truncated(expectedLastSequence: 5)))
    }

    @Test func deletedLastRowsAndEverythingWithAnchor() {
        let rows = AuditFixture.chain(count: 5)

        #expect(verify(Array(rows.prefix(3)), anchor: rows[4].head).firstBreak
            == broken(at: 4, .truncated(expectedLastSequence: 5)))
        #expect(verify([], anchor: rows[4].head).firstBreak == broken(at: 1, .truncated(expectedLastSequence: 5)))
    }

    @Test func anchorMayLagTheTable() {
        let rows = AuditFixture.chain(count: 5)

        #expect(verify(rows, anchor: rows[2].head).isIntact)
    }

    @Test func anchorWithAnotherHash() {
        let rows = AuditFixture.chain(count: 5)
        let otherHistory = AuditChainHead(sequence: 3, hash: Data(repeating: 0x11, count: 32))

        #expect(verify(rows, anchor: otherHistory).firstBreak == broken(at: 3, .anchorMismatch))
    }

    /// Rows swapped by exchanging their sequence numbers: read in sequence order, row 3 now holds old row 4.
    @Test func swappedRowsBySequenceNumber() {
        var rows = AuditFixture.chain(count: 5)
        rows[2].entry.sequence = 4
        rows[3].entry.sequence = 3
        rows.swapAt(2, 3)

        let result = verify(rows)

        #expect(result.firstBreak == broken(at: 3, .previousHashMismatch))
        #expect(result.rowsChecked == 3)
    }

    /// Rows read in storage order after they were moved: row 4 arrives where row 3 belongs.
    @Test func swappedRowsInReadingOrder() {
        var rows = AuditFixture.chain(count: 5)
        rows.swapAt(2, 3)

        #expect(verify(rows).firstBreak == broken(at: 4, .sequenceGap(expected: 3)))
    }

    @Test func duplicatedRow() {
        var rows = AuditFixture.chain(count: 5)
        rows.insert(rows[1], at: 2)

        #expect(verify(rows).firstBreak == broken(at: 2, .sequenceOutOfOrder(expected: 3)))
    }

    /// Someone with write access but without the key inserts a row after row 2, linking it correctly and
    /// renumbering the rows after it; the hash they compute with another key gives them away.
    @Test func forgedInsertedRow() throws {
        let rows = AuditFixture.chain(count: 5)
        var forgedEntry = AuditFixture.entry(3)
        forgedEntry.action = "account.role_grant"
        let forged = try AuditChain.append(forgedEntry, after: rows[1].head, key: AuditFixture.otherKey)
        var renumbered = Array(rows[2...])
        for index in renumbered.indices { renumbered[index].entry.sequence += 1 }
        renumbered[0].previousHash = forged.hash

        let result = verify(Array(rows[0...1]) + [forged] + renumbered)

        #expect(result.firstBreak == broken(at: 3, .hashMismatch))
    }

    @Test func forgedRowWithPlainSHA256() {
        let rows = AuditFixture.chain(count: 5)
        var entry = AuditFixture.entry(6)
        entry.detail = "看起来正常"
        let record = AuditChain.record(entry: entry, previousHash: rows[4].hash)
        let forged = StoredAuditRow(entry: entry, previousHash: rows[4].hash, hash: Data(SHA256.hash(data: record)))

        #expect(verify(rows + [forged]).firstBreak == broken(at: 6, .hashMismatch))
    }

    @Test func wrongKey() {
        #expect(verify(AuditFixture.chain(count: 5), key: AuditFixture.otherKey).firstBreak == broken(at: 1, .hashMismatch))
    }

    @Test func firstRowMustFollowGenesis() throws {
        var rows = AuditFixture.chain(count: 2)
        rows[0] = StoredAuditRow(
            entry: rows[0].entry, previousHash: Data(repeating: 0xFF, count: 32),
            hash: AuditChain.hash(entry: rows[0].entry, previousHash: Data(repeating: 0xFF, count: 32), key: AuditFixture.key)
        )

        #expect(verify(rows).firstBreak == broken(at: 1, .previousHashMismatch))
    }

    @Test func verificationResumesAfterAnArchivedPrefix() {
        let rows = AuditFixture.chain(count: 5)
        let kept = Array(rows.dropFirst(2))

        #expect(verify(kept, anchor: rows[4].head, after: rows[1].head).isIntact)
        #expect(verify(kept, after: rows[1].head).rowsChecked == 3)
        #expect(verify(kept).firstBreak == broken(at: 3, .sequenceGap(expected: 1)))
        #expect(verify(kept, after: rows[0].head).firstBreak == broken(at: 3, .sequenceGap(expected: 2)))
    }

    @Test func anchorInsideTheArchivedPrefix() {
        let rows = AuditFixture.chain(count: 5)
        let kept = Array(rows.dropFirst(2))

        #expect(verify(kept, anchor: rows[0].head, after: rows[1].head).isIntact)
        #expect(verify(kept, anchor: rows[1].head, after: rows[1].head).isIntact)
        #expect(verify(kept, anchor: AuditChainHead(sequence: 2, hash: rows[0].hash), after: rows[1].head).firstBreak
            == broken(at: 2, .anchorMismatch))
    }

    @Test func streamingStopsAtTheFirstBreakAndMatchesTheWholeRun() {
        var rows = AuditFixture.chain(count: 9)
        rows[5].entry.detail = "改过"
        var verifier = AuditChainVerifier(key: AuditFixture.key)
        var accepted: [Bool] = []

        for page in stride(from: 0, to: rows.count, by: 4).map({ rows[$0..<min($0 + 4, rows.count)] }) {
            for row in page { accepted.append(verifier.feed(row)) }
        }

        #expect(accepted == [true, true, true, true, true, false, false, false, false])
        #expect(verifier.result.rowsChecked == 6)
        #expect(verifier.result == verify(rows))
    }

    @Test func breakDescriptionNamesTheRow() {
        var rows = AuditFixture.chain(count: 5)
        rows.remove(at: 2)

        let text = verify(rows).firstBreak?.description ?? ""

        #expect(text.hasPrefix("第4行："))
        #expect(text.contains("第3至3行缺失"))
    }
}
