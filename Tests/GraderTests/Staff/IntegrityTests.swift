import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// The hashes behind verified reports and the course's fingerprint, against published
/// test vectors, and the seal of a report.
@Suite("Integrity: SHA-256, HMAC and report seals")
struct IntegrityTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("SHA-256 gives FIPS 180-4's digests", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test("SHA-256 of a million 'a's, fed in uneven pieces")
    func sha256MillionA() {
        var hasher = SHA256()
        let sizes = [1, 63, 64, 65, 4096]
        var (left, turn) = (1_000_000, 0)
        while left > 0 {
            let n = min(sizes[turn % sizes.count], left)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
            (left, turn) = (left - n, turn + 1)
        }
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA256 gives RFC 4231's codes", arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ] as [([UInt8], [UInt8], String)])
    func hmacVectors(key: [UInt8], message: [UInt8], code: String) {
        #expect(Self.hex(HMAC.sha256(key: key, message: message)) == code)
    }

    @Test("a sealed report verifies; edited, passed off as another student's, or under another key, it does not")
    func reportSeal() throws {
        let folder = try StaffSupport.folder([:], named: "grading")
        let seal = try ReportSeal.load(orCreateIn: folder)
        let key = folder.appendingPathComponent(ReportSeal.keyFileName)
        let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try ReportSeal.load(orCreateIn: folder).key == seal.key)

        let report = Data(#"{"student": "alice", "points": 13}"#.utf8)
        let code = seal.seal(report, student: "alice")
        #expect(seal.verifies(report, student: "alice", seal: code + "\n"))
        #expect(!seal.verifies(Data(#"{"student": "alice", "points": 106}"#.utf8), student: "alice", seal: code))
        #expect(!seal.verifies(report, student: "bob", seal: code))
        let other = try ReportSeal.load(orCreateIn: try StaffSupport.folder([:], named: "elsewhere"))
        #expect(!other.verifies(report, student: "alice", seal: code))
    }

    @Test("the grading folder, its stage and each kept worker's folder are the grader's alone; a kept worker is execute-only")
    func gradingFolderPermissions() throws {
        let folder = try StaffSupport.folder([:], named: "grading")
        let staging = StagingArea(course: StaffSupport.workspace, folder: folder)
        try staging.secureFolders()
        let worker = try StaffSupport.folder(["grader-worker": "#!/bin/sh\n"], named: "built").appendingPathComponent("grader-worker")
        let first = try staging.keepWorker(worker), second = try staging.keepWorker(worker)
        func mode(_ url: URL) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        for url in [staging.folder, staging.root, staging.scratch, staging.workersFolder,
                    first.deletingLastPathComponent(), second.deletingLastPathComponent()] {
            #expect(try mode(url) == 0o700, "\(url.path)")
        }
        #expect(try mode(first) == 0o711)
        #expect(first.deletingLastPathComponent() != second.deletingLastPathComponent())
        staging.discardWorker(first)
        #expect(!FileManager.default.fileExists(atPath: first.deletingLastPathComponent().path))
        #expect(FileManager.default.fileExists(atPath: second.path))
    }
}
