import Foundation
import Testing
@testable import AuthorKit
@testable import GraderKit

/// What `grader release` ships and leaves out. Building and grading a real release is
/// scripts/test-release.sh's part (it takes a full build of a fresh copy).
@Suite("The student edition")
struct StudentEditionTests {
    let checkout = TemporaryCheckout()

    @Test("a staff-only path covers itself and what is under it, nothing else")
    func coverage() {
        let solutions = StaffOnlyPath("Sources/Solutions", "the reference")
        #expect(solutions.covers("Sources/Solutions"))
        #expect(solutions.covers("Sources/Solutions/ReLU.swift"))
        #expect(!solutions.covers("Sources/SolutionsExtra/ReLU.swift"))
        #expect(!solutions.covers("Tests/Sources/Solutions/ReLU.swift"))
    }

    @Test("ships the tracked files but the staff-only ones; the mistake signatures and public fixtures ship")
    func sortsFiles() throws {
        defer { checkout.remove() }
        let tracked = [
            "Package.swift", "Sources/Exercises/ReLU.swift", "Sources/Solutions/ReLU.swift",
            "Sources/GraderWorkerSolutions/main.swift", "Tests/SolutionsTests/ReLUTests.swift",
            "scripts/reference/relu.py", "scripts/make_npy_test_data.py",
            "hidden-fixtures/relu/forward/manifest.json",
            "assignments/02-relu/fixtures/forward/manifest.json", "assignments/02-relu/mistakes/relu-mask/mistake.json",
        ]
        for path in tracked { try checkout.write(path, "") }
        let edition = try StudentEdition(root: checkout.root, tracked: tracked + ["Sources/Exercises/Deleted.swift"],
                                     untracked: ["Sources/Exercises/New.swift", "Sources/Solutions/New.swift"])
        #expect(edition.files == [
            "Package.swift", "Sources/Exercises/ReLU.swift",
            "assignments/02-relu/fixtures/forward/manifest.json", "assignments/02-relu/mistakes/relu-mask/mistake.json",
            "scripts/make_npy_test_data.py",
        ])
        #expect(Set(edition.withheld.keys.map(\.path)) == [
            "Sources/Solutions", "Sources/GraderWorkerSolutions", "Tests/SolutionsTests", "scripts/reference",
            HiddenFixtures.defaultFolder,
        ])
        #expect(edition.untracked == ["Sources/Exercises/New.swift"], "a new staff-only file is no concern of the release")
        #expect(edition.summary.contains("Sources/Exercises/New.swift"))
    }

    @Test("copies with file modes kept, into a new or empty folder only")
    func writes() throws {
        defer { checkout.remove() }
        try checkout.write("scripts/test.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                              ofItemAtPath: checkout.root.appendingPathComponent("scripts/test.sh").path)
        try checkout.write("assignments/README.md", "# The assignments\n")
        let edition = try StudentEdition(root: checkout.root, tracked: ["scripts/test.sh", "assignments/README.md"])
        let out = checkout.root.appendingPathComponent("release/student")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try edition.write(to: out)
        #expect(try String(contentsOf: out.appendingPathComponent("assignments/README.md"), encoding: .utf8) == "# The assignments\n")
        #expect(FileManager.default.isExecutableFile(atPath: out.appendingPathComponent("scripts/test.sh").path))

        #expect { try edition.write(to: out) } throws: { "\($0)".contains("is not empty") }
        let file = out.appendingPathComponent("assignments/README.md")
        #expect { try edition.write(to: file) } throws: { "\($0)".contains("is a file") }
    }

    @Test("is refused while an enabled exercise has no committed fixtures; a disabled one needs none")
    func needsFixtures() throws {
        defer { checkout.remove() }
        var course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        course.exercises = course.exercises.filter { $0.name == "relu" }
        let edition = try StudentEdition(root: checkout.root, tracked: [])
        #expect { try edition.checkComplete(course: course) } throws: { error in
            "\(error)".contains("assignments/02-relu/fixtures/ has no committed fixtures") && "\(error)".contains("grader fixtures")
        }
        course.exercises[0].enabled = false
        try edition.checkComplete(course: course)
    }

    @Test("is refused while a scaffold's AUTHOR-TODO is left, naming the file")
    func refusesPlaceholders() throws {
        defer { checkout.remove() }
        try checkout.write("Sources/Solutions/Sigmoid.swift", "// \(ExerciseScaffold.authorTODO): THIS IS A PLACEHOLDER\n")
        let edition = try StudentEdition(root: checkout.root, tracked: ["Sources/Solutions/Sigmoid.swift"])
        #expect { try edition.checkComplete(course: Course(title: "t", exercises: [])) } throws: { error in
            "\(error)".contains("Sources/Solutions/Sigmoid.swift")
        }
    }

    #if AUTHOR_EDITION
    @Test("of this checkout leaves out every staff-only file, and is complete")
    func thisCheckout() throws {
        let edition = try StudentEdition(root: BuiltProducts.checkout)
        #expect(edition.files.contains("Package.swift") && edition.files.contains("Sources/Exercises/ReLU.swift"))
        #expect(edition.files.allSatisfy { StaffOnlyPath.covering($0) == nil })
        #expect(edition.withheld.keys.contains { $0.path == "Sources/Solutions" })
        #expect(!edition.files.contains { $0.hasPrefix("Sources/Solutions/") })
        try edition.checkComplete(course: try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName))
    }
    #endif
}
