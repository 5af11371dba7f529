import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("Backup format: tar headers, the signed manifest, key check values")
struct BackupFormatTests {
    @Test("a tar header round-trips: short and long names, sizes beyond 8 GiB in base-256")
    func tarRoundTrip() throws {
        for header in [
            TarHeader(name: "manifest.json", size: 3_704, modified: 1_795_572_000),
            TarHeader(name: String(repeating: "d", count: 60) + "/" + String(repeating: "a", count: 90), size: 0, modified: 0),
            TarHeader(name: "database/jiujinban.sqlite", size: 12 << 30, modified: 1_795_572_000),
        ] {
            let block = try #require(header.encoded())
            #expect(block.count == 512)
            #expect(TarHeader.decode(block) == .member(header))
        }
        #expect(TarHeader.decode([UInt8](repeating: 0, count: 512)) == .end)
        #expect(TarHeader(name: String(repeating: "b", count: 101), size: 1, modified: 0).encoded() == nil)
    }

    @Test("a damaged header is not a header")
    func tarDamage() throws {
        var block = try #require(TarHeader(name: "manifest.json", size: 10, modified: 0).encoded())
        block[130] ^= 0x01
        #expect(TarHeader.decode(block) == nil)
        #expect(TarHeader.decode([UInt8](repeating: 0x41, count: 512)) == nil)
        #expect(TarHeader.padding(for: 0) == 0)
        #expect(TarHeader.padding(for: 1) == 511)
        #expect(TarHeader.padding(for: 512) == 0)
    }

    @Test("GNU tar lists what the encoder writes", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")))
    func gnuTarReads() throws {
        let content = Data("你好，芮城\n".utf8)
        var archive = Data(try #require(TarHeader(name: "audit-anchor/backup.checkpoint", size: Int64(content.count), modified: 0).encoded()))
        archive.append(content)
        archive.append(Data(count: TarHeader.padding(for: Int64(content.count)) + 1_024))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-tar-\(UUID().uuidString).tar")
        try archive.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["-xOf", url.path, "audit-anchor/backup.checkpoint"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == content)
    }

    func checkValues(_ keys: (SymmetricKey, SymmetricKey, SymmetricKey, P256.Signing.PublicKey)) -> KeyCheckValues {
        KeyCheckValues(dataKey: keys.0, indexKey: keys.1, auditKey: keys.2, cardPlatformKey: keys.3)
    }

    @Test("key check values name exactly the keys that differ, and reveal no key")
    func keyCheckValues() {
        let data = SymmetricKey(size: .bits256), index = SymmetricKey(size: .bits256), audit = SymmetricKey(size: .bits256)
        let card = P256.Signing.PrivateKey().publicKey
        let ours = checkValues((data, index, audit, card))
        #expect(ours == checkValues((data, index, audit, card)))
        #expect(ours.dataKey.count == 16)
        #expect(ours.mismatches(against: ours).isEmpty)
        let otherAudit = checkValues((data, index, SymmetricKey(size: .bits256), card))
        #expect(ours.mismatches(against: otherAudit) == ["JIUJINBAN_AUDIT_KEY（审计密钥）"])
        let otherCard = checkValues((data, index, audit, P256.Signing.PrivateKey().publicKey))
        #expect(ours.mismatches(against: otherCard).count == 1)
    }

    func manifest(_ values: KeyCheckValues, members: [BackupManifest.Member]? = nil) -> BackupManifest {
        BackupManifest(takenAtMilliseconds: 1, instance: "a", keyCheckValues: values, auditRows: 3, auditCheckpoint: "",
                       migrations: ["M0001"], counts: ["cases": 2],
                       members: members ?? [.init(path: BackupManifest.databaseMember, size: 10, sha256: "00")])
    }

    @Test("the manifest opens only with its signature, this deployment's keys and safe member names")
    func manifestOpening() throws {
        let audit = SymmetricKey(size: .bits256)
        let values = checkValues((SymmetricKey(size: .bits256), SymmetricKey(size: .bits256), audit, P256.Signing.PrivateKey().publicKey))
        let bytes = try manifest(values).encoded()
        let signature = BackupManifest.signature(of: bytes, key: audit)
        #expect(try BackupManifest.open(bytes, signature: signature, expected: values, auditKey: audit).get() == manifest(values))

        var edited = bytes
        edited[edited.index(edited.startIndex, offsetBy: 40)] ^= 0x01
        if case .success = BackupManifest.open(edited, signature: signature, expected: values, auditKey: audit) {
            Issue.record("an edited manifest was accepted")
        }
        var otherValues = values
        otherValues.indexKey = "0000000000000000"
        #expect(BackupManifest.open(bytes, signature: signature, expected: otherValues, auditKey: audit)
            == .failure(.otherDeployment(["JIUJINBAN_INDEX_KEY（检索索引密钥）"])))
        #expect(BackupManifest.open(bytes, signature: String(repeating: "0", count: 64), expected: values, auditKey: audit)
            == .failure(.badSignature))

        let unsafe = try manifest(values, members: [.init(path: BackupManifest.databaseMember, size: 1, sha256: "0"),
                                                    .init(path: "../../etc/passwd", size: 1, sha256: "0")]).encoded()
        let unsafeResult = BackupManifest.open(unsafe, signature: BackupManifest.signature(of: unsafe, key: audit),
                                               expected: values, auditKey: audit)
        guard case .failure(.notABackup) = unsafeResult else {
            Issue.record("a member outside the folder was accepted: \(unsafeResult)")
            return
        }
    }

    @Test("member paths stay inside the folder they unpack into", arguments: [
        ("database/jiujinban.sqlite", true), ("audit-archives/audit-archive-1-5.jsonl", true), ("/etc/passwd", false),
        ("../x", false), ("a/../../x", false), ("a//b", false), (".hidden", false), ("a/./b", false), ("", false),
    ])
    func safePaths(_ path: String, _ safe: Bool) {
        #expect(BackupPath.isSafe(path) == safe)
    }
}
