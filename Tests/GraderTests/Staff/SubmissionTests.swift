import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// Which of the files a student hands in are graded, and which archives are refused.
@Suite("Reading a submission")
struct SubmissionTests {
    static let stubs: Set<String> = ["Affine.swift", "ReLU.swift", "BatchNorm.swift"]

    func read(_ folder: URL) throws -> Submission {
        try Submission.read(folder, student: "alice", stubNames: Self.stubs)
    }

    @Test("a whole checkout: the Sources/Exercises files are graded, everything else is listed as ignored")
    func wholeCheckout() throws {
        let folder = try StaffSupport.folder([
            "Package.swift": "// swift-tools-version:6.0",
            "Sources/Exercises/ReLU.swift": "relu",
            "Sources/Exercises/Helpers.swift": "helpers",
            "Sources/TensorKit/Tensor.swift": "tensor",
            ".git/HEAD": "ref",
            "notes.txt": "notes",
        ])
        let submission = try read(folder)
        #expect(submission.exerciseFiles == ["ReLU.swift": Data("relu".utf8)])
        #expect(submission.exercisePaths == ["ReLU.swift": "Sources/Exercises/ReLU.swift"])
        #expect(submission.ignored == [".git/ (folder skipped)", "Package.swift", "Sources/Exercises/Helpers.swift",
                                       "Sources/TensorKit/Tensor.swift", "notes.txt"])
    }

    @Test("bare files are graded at the top when they have a stub's name, not deeper down")
    func bareFiles() throws {
        let folder = try StaffSupport.folder([
            "Affine.swift": "affine", "BatchNorm.swift": "bn", "Main.swift": "main", "old/ReLU.swift": "old relu",
        ])
        let submission = try read(folder)
        #expect(Set(submission.exerciseFiles.keys) == ["Affine.swift", "BatchNorm.swift"])
        #expect(submission.ignored == ["Main.swift", "old/ReLU.swift"])
    }

    @Test("of two copies of a file, the one nearest the top is graded and the other listed")
    func nearestCopyWins() throws {
        let folder = try StaffSupport.folder([
            "ReLU.swift": "top", "backup/Sources/Exercises/ReLU.swift": "deeper",
        ])
        let submission = try read(folder)
        #expect(submission.exerciseFiles["ReLU.swift"] == Data("top".utf8))
        #expect(submission.ignored == ["backup/Sources/Exercises/ReLU.swift (another copy; ReLU.swift was graded)"])
    }

    @Test("answers.md files are kept verbatim for manual grading")
    func answers() throws {
        let text = "## Question 1\n\nThe variance is *biased* — on purpose.\n"
        let folder = try StaffSupport.folder(["assignments/06-batchnorm/answers.md": text, "answers.md": "top"])
        let submission = try read(folder)
        #expect(submission.answers == [AnswerFile(path: "answers.md", text: "top"),
                                       AnswerFile(path: "assignments/06-batchnorm/answers.md", text: text)])
    }

    @Test("a symbolic link is listed, never followed")
    func symbolicLinks() throws {
        let folder = try StaffSupport.folder(["notes.txt": "notes"])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("ReLU.swift").path,
                                                   withDestinationPath: "/etc/passwd")
        let submission = try read(folder)
        #expect(submission.exerciseFiles.isEmpty)
        #expect(submission.ignored.contains("ReLU.swift (symbolic link, not followed)"))
    }

    @Test("a .zip of a checkout reads like the folder it holds")
    func zipOfCheckout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backproplab-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SubmissionArchive.unpack(StaffSupport.archive("checkout.zip"), into: folder)
        let submission = try read(folder)
        #expect(submission.exercisePaths == ["ReLU.swift": "checkout/Sources/Exercises/ReLU.swift"])
        #expect(submission.answers.map(\.path) == ["checkout/assignments/02-relu/answers.md"])
        #expect(submission.ignored == ["checkout/README.md"])
    }

    @Test("a hostile archive is refused before anything is unpacked", arguments: [
        ("absolute-path.zip", "absolute path"),
        ("dot-dot.zip", "leading out of its folder"),
        ("symlink.zip", "symbolic link"),
        ("bomb.zip", "unpacks to more than"),
        ("duplicate.zip", "more than one entry named ReLU.swift"),
    ])
    func hostileArchives(name: String, reason: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backproplab-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try SubmissionArchive.unpack(StaffSupport.archive(name), into: folder) } throws: { error in
            "\(error)".contains(reason)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/backproplab-escaped.swift"))
    }

    @Test("entries whose headers lie about their size are cut at the limit as they are unpacked; unread ones stay empty")
    func lyingSizes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backproplab-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each entry claims 100 bytes and inflates to 64 MiB.
        try SubmissionArchive.unpack(StaffSupport.archive("lying-sizes.zip"), into: folder) { !$0.hasSuffix(".bin") }
        func size(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.size] as? NSNumber)?.intValue ?? -1
        }
        #expect(try size("ReLU.swift") == SubmissionArchive.entrySizeLimit)
        #expect(try size("assignments/02-relu/answers.md") == SubmissionArchive.entrySizeLimit)
        #expect(try size("zeros.bin") == 0)
        let submission = try read(folder)
        #expect(submission.exerciseFiles.isEmpty)
        #expect(submission.ignored == ["ReLU.swift (larger than 512 KiB)", "assignments/02-relu/answers.md (larger than 512 KiB)",
                                       "zeros.bin"])
    }

    @Test("a file that is not a .zip archive is refused")
    func notAnArchive() throws {
        let folder = try StaffSupport.folder(["fake.zip": "not a zip"])
        #expect { try SubmissionArchive.unpack(folder.appendingPathComponent("fake.zip"), into: folder.appendingPathComponent("out")) }
            throws: { "\($0)".contains("not a readable .zip archive") }
    }
}
