import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("审计哈希链 appending")
struct AuditChainAppendTests {
    @Test func firstRowFollowsGenesis() throws {
        let row = try AuditChain.append(AuditFixture.entry(1), after: nil, key: AuditFixture.key)

        #expect(row.previousHash == Data(repeating: 0, count: 32))
        #expect(row.hash == AuditChain.hash(entry: row.entry, previousHash: row.previousHash, key: AuditFixture.key))
        #expect(row.hash.count == 32)
    }

    @Test func eachRowNamesThePreviousHash() {
        let rows = AuditFixture.chain(count: 3)

        #expect(rows[1].previousHash == rows[0].hash)
        #expect(rows[2].previousHash == rows[1].hash)
        #expect(Set(rows.map(\.hash)).count == 3)
    }

    @Test("the sequence must be the next one", arguments: [
        (nil, 2, 1),
        (1, 1, 2),
        (1, 3, 2),
        (1, 0, 2),
    ] as [(Int64?, Int64, Int64)])
    func sequenceMustBeNext(headSequence: Int64?, sequence: Int64, expected: Int64) {
        let head = headSequence.map { AuditChainHead(sequence: $0, hash: Data(repeating: 7, count: 32)) }

        #expect(throws: AuditAppendError.sequenceNotNext(expected: expected, found: sequence)) {
            try AuditChain.append(AuditFixture.entry(sequence), after: head, key: AuditFixture.key)
        }
    }

    @Test("a damaged head is refused", arguments: [
        AuditChainHead(sequence: 4, hash: Data(repeating: 7, count: 31)),
        AuditChainHead(sequence: 4, hash: Data()),
        AuditChainHead(sequence: .max, hash: Data(repeating: 7, count: 32)),
        AuditChainHead(sequence: -3, hash: Data(repeating: 7, count: 32)),
    ])
    func damagedHead(head: AuditChainHead) {
        #expect(throws: AuditAppendError.damagedHead) {
            try AuditChain.append(AuditFixture.entry(5), after: head, key: AuditFixture.key)
        }
    }

    @Test func nextSequence() {
        #expect(AuditChain.nextSequence(after: nil) == 1)
        #expect(AuditChain.nextSequence(after: AuditChainHead(sequence: 41, hash: Data())) == 42)
        #expect(AuditChain.nextSequence(after: AuditChainHead(sequence: .max, hash: Data())) == nil)
    }
}
