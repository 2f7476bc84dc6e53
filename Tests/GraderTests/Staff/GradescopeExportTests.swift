// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

extension StaffGradingTests {
    /// `grader export gradescope`: the archive, and its run_autograder against a fake
    /// /autograder tree (with this machine's toolchain instead of setup.sh's download).
    @Suite("The Gradescope autograder")
    struct GradescopeExportTests {
        @Test("run_autograder grades /autograder/submission with the hidden sets and writes results/results.json")
        func runAutograderLocally() throws {
            let grader = try #require(BuiltProducts.executable("grader"), "grader was not built next to the tests")
            let root = try StaffSupport.folder([
                "submission/Sources/Exercises/ReLU.swift": StaffSupport.correctReLU,
                "submission/Sources/Exercises/Affine.swift": StaffSupport.correctAffine,
                "submission/notes.txt": "mine",
            ], named: "autograder")
            let midterm = try StaffSupport.folder([:], named: "midterm")
            try FileManager.default.copyItem(at: StaffSupport.workspace.assignments.appendingPathComponent("02-relu/fixtures"),
                                             to: midterm.appendingPathComponent("relu"))

            let archive = root.deletingLastPathComponent().appendingPathComponent("autograder.zip")
            var export = GradescopeExport(workspace: StaffSupport.workspace, hidden: [midterm], swiftVersion: "6.3.1")
            export.toolchainPins = ["ubuntu22.04": String(repeating: "ab", count: 32)]
            try export.write(to: archive)
            let source = root.appendingPathComponent("source")
            #expect(try BuiltProducts.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-qq", archive.path, "-d", source.path]).status == 0)
            for script in ["setup.sh", "run_autograder"] {
                #expect(FileManager.default.isExecutableFile(atPath: source.appendingPathComponent(script).path))
            }
            #expect(FileManager.default.fileExists(atPath: source.appendingPathComponent("course/Sources/Solutions/Affine.swift").path))
            #expect(FileManager.default.fileExists(atPath: source.appendingPathComponent("hidden/midterm/relu/forward/manifest.json").path))
            let setup = try String(contentsOf: source.appendingPathComponent("setup.sh"), encoding: .utf8)
            #expect(setup.contains("swift-$SWIFT_VERSION-RELEASE-$platform.tar.gz") && setup.contains(#"SWIFT_VERSION="6.3.1""#))

            let run = try BuiltProducts.run(URL(fileURLWithPath: "/bin/bash"), [source.appendingPathComponent("run_autograder").path],
                                            environment: ["AUTOGRADER_ROOT": root.path, "GRADER": grader.path,
                                                          "GRADER_BUILD_DIR": StaffSupport.buildFolder.path,
                                                          "GRADER_OPTIONS": "--seed 7"])
            #expect(run.status == 0)
            let results = root.appendingPathComponent("results/results.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
            #expect(json["score"] as? Double == 13)
            let output = try #require(json["output"] as? String)
            #expect(output.contains("Fixture sets: public, fresh (seed 7), hidden 'midterm'"))
            #expect(output.contains("Ignored: notes.txt"))
            #expect((json["tests"] as? [[String: Any]])?.isEmpty == false)
        }

        @Test("when the grader cannot run, run_autograder still leaves a results.json saying so")
        func runAutograderFallback() throws {
            let root = try StaffSupport.folder(["submission/ReLU.swift": "", "source/course/README.md": ""], named: "autograder")
            let script = root.appendingPathComponent("source/run_autograder")
            try Data(GradescopeExport(workspace: StaffSupport.workspace, hidden: [], swiftVersion: "6.3.1").runScript.utf8)
                .write(to: script)
            let run = try BuiltProducts.run(URL(fileURLWithPath: "/bin/bash"), [script.path],
                                            environment: ["AUTOGRADER_ROOT": root.path, "GRADER": "/nonexistent/grader"])
            #expect(run.status == 0)
            let results = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: results) as? [String: Any])
            #expect(json["score"] as? Double == 0)
            #expect((json["output"] as? String)?.contains("could not grade this submission") == true)
        }
    }
}
#endif
