import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// The Gradescope archive installs only the toolchain whose SHA-256 was pinned at
/// export: setup.sh refuses any other download, and an export without a pin.
@Suite("Pinning the toolchain setup.sh installs")
struct ToolchainPinTests {
    @Test("an archive's platform comes from swift.org's name for it; other names are refused")
    func platforms() throws {
        #expect(try ToolchainPin.platform(ofArchive: "swift-6.3.1-RELEASE-ubuntu22.04.tar.gz", version: "6.3.1") == "ubuntu22.04")
        #expect(try ToolchainPin.platform(ofArchive: "swift-6.3.1-RELEASE-ubuntu24.04-aarch64.tar.gz", version: "6.3.1") == "ubuntu24.04-aarch64")
        #expect(ToolchainPin.url(version: "6.3.1", platform: "ubuntu24.04-aarch64")
                == "https://download.swift.org/swift-6.3.1-release/ubuntu2404-aarch64/swift-6.3.1-RELEASE/swift-6.3.1-RELEASE-ubuntu24.04-aarch64.tar.gz")
        #expect(throws: SubmissionError.self) { try ToolchainPin.platform(ofArchive: "swift-6.2-RELEASE-ubuntu22.04.tar.gz", version: "6.3.1") }
        #expect(throws: SubmissionError.self) { try ToolchainPin.parse("ubuntu22.04=abc") }
        #expect(try ToolchainPin.parse("ubuntu22.04=" + String(repeating: "AB", count: 32)).sha256 == String(repeating: "ab", count: 32))
    }

    @Test("an export with no pin is refused, saying how to make one")
    func exportNeedsAPin() throws {
        let export = GradescopeExport(workspace: StaffSupport.workspace, hidden: [], swiftVersion: "6.3.1")
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("autograder-\(UUID().uuidString).zip")
        #expect { try export.write(to: archive) } throws: { "\($0)".contains("--toolchain-archive FILE") }
        #expect(!FileManager.default.fileExists(atPath: archive.path))
    }

    #if os(Linux)
    @Test("setup.sh installs a download that matches its pin, and refuses one that does not")
    func setupVerifiesTheDownload() throws {
        let work = try StaffSupport.folder(["toolchain/usr/bin/swift": "#!/bin/sh\necho fake\n"], named: "pin")
        let tarball = work.appendingPathComponent("swift-6.3.1-RELEASE-ubuntu22.04.tar.gz")
        #expect(try BuiltProducts.run(URL(fileURLWithPath: "/bin/tar"), ["-czf", tarball.path, "-C", work.path, "toolchain"]).status == 0)
        // The pin, as export computes it, agrees with the system's sha256sum.
        let pin = try ToolchainPin.pin(archive: tarball, version: "6.3.1")
        let system = try BuiltProducts.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [tarball.path]).output
        #expect(pin.platform == "ubuntu22.04" && system.hasPrefix(pin.sha256 + " "))

        var export = GradescopeExport(workspace: StaffSupport.workspace, hidden: [], swiftVersion: "6.3.1")
        export.toolchainPins = [pin.platform: pin.sha256]
        let script = work.appendingPathComponent("setup.sh")
        try Data(export.setupScript.utf8).write(to: script)
        let installed = work.appendingPathComponent("installed")
        let good = try BuiltProducts.run(URL(fileURLWithPath: "/bin/bash"),
                                         [script.path, "--fetch-toolchain", "file://" + tarball.path, "ubuntu22.04"],
                                         environment: ["SWIFT_TOOLCHAIN": installed.path])
        #expect(good.status == 0, "\(good.error)")
        #expect(FileManager.default.fileExists(atPath: installed.appendingPathComponent("usr/bin/swift").path))

        // One byte more, and nothing is installed.
        let handle = try FileHandle(forWritingTo: tarball)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let elsewhere = work.appendingPathComponent("elsewhere")
        let bad = try BuiltProducts.run(URL(fileURLWithPath: "/bin/bash"),
                                        [script.path, "--fetch-toolchain", "file://" + tarball.path, "ubuntu22.04"],
                                        environment: ["SWIFT_TOOLCHAIN": elsewhere.path])
        #expect(bad.status == 1)
        #expect(bad.error.contains("does not match the pinned SHA-256 \(pin.sha256): refusing to install it"))
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("usr/bin/swift").path))

        let unpinned = try BuiltProducts.run(URL(fileURLWithPath: "/bin/bash"),
                                             [script.path, "--fetch-toolchain", "file://" + tarball.path, "ubuntu24.04"],
                                             environment: ["SWIFT_TOOLCHAIN": elsewhere.path])
        #expect(unpinned.status == 1 && unpinned.error.contains("no SHA-256 is pinned for the ubuntu24.04 toolchain"))
    }
    #endif
}
