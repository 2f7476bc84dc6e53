import Foundation
import Testing
@testable import AuthorKit
@testable import GraderKit

// It copies the reference's registration: the author's edition only.
#if AUTHOR_EDITION
/// `grader new-exercise` on a small copy of the checkout: the shipped course.json and
/// every file that registers an exercise, plus a reference and a TensorKit type.
/// That the scaffold compiles and grades is scripts/test-new-exercise.sh's part.
@Suite("grader new-exercise")
struct ExerciseScaffoldTests {
    let checkout = TemporaryCheckout()
    /// The files that name every exercise, where the scaffold registers a new one.
    static let registrationFiles = [
        "Sources/Curriculum/CourseImplementation.swift", "Sources/Exercises/StudentImplementation.swift",
        "Sources/Solutions/ReferenceImplementation.swift", "Sources/WorkerKit/CourseImplementation+Handlers.swift",
        "Sources/GraderKit/Judge/Judge.swift", "assignments/README.md", "docs/fixtures.md",
    ]

    /// The shipped course's last exercise: the scaffold registers a new one after it.
    static let last = try! JSONDecoder().decode(Course.self, from: Data(contentsOf: CourseTests.shipped)).exercises.last!
    /// The number the scaffold gives the next handout: the last one's plus one.
    static let number = Int(last.folder.prefix { $0.isNumber })! + 1

    /// The handout folder of the `offset`-th exercise scaffolded after the course's last.
    static func folder(_ name: String, offset: Int = 0) -> String {
        String(format: "%02d-", number + offset) + name
    }

    init() throws {
        for path in ["assignments/course.json"] + Self.registrationFiles {
            try checkout.copy(path)
        }
        try checkout.write("Sources/Solutions/ReLU.swift", "public struct ReLU {}\n")
        try checkout.write("Sources/TensorKit/Tensor.swift", "public struct Tensor {}\n")
    }

    /// The copy's course.json as it is now (not validated: after a scaffold it names an
    /// exercise this grader was built without).
    var course: Course {
        get throws { try JSONDecoder().decode(Course.self, from: Data(checkout.read("assignments/course.json").utf8)) }
    }

    func scaffold(_ name: String, type: String? = nil) throws -> ExerciseScaffold {
        try ExerciseScaffold(ExerciseName(name, typeName: type), root: checkout.root, course: course)
    }

    @Test("writes every file of the anatomy, numbered after the last handout")
    func writesTheAnatomy() throws {
        defer { checkout.remove() }
        let (created, edited) = try scaffold("sigmoid").apply()
        #expect(created == [
            "Sources/Curriculum/Sigmoid.swift", "Sources/Exercises/Sigmoid.swift", "Sources/Solutions/Sigmoid.swift",
            "Sources/GraderKit/Checks/SigmoidChecks.swift", "Sources/WorkerKit/Handlers/SigmoidHandlers.swift",
            "assignments/\(Self.folder("sigmoid"))/README.md", "assignments/\(Self.folder("sigmoid"))/answers.md",
        ])
        #expect(Set(edited) == Set(Self.registrationFiles + ["assignments/course.json"]))
        for path in created { #expect(checkout.exists(path), "\(path)") }

        #expect(try checkout.read("Sources/Curriculum/Sigmoid.swift").contains("public protocol SigmoidLayer: Sendable"))
        let stub = try checkout.read("Sources/Exercises/Sigmoid.swift")
        #expect(stub.contains("public struct Sigmoid: SigmoidLayer"))
        #expect(stub.components(separatedBy: #"TODO("sigmoid")"#).count == 3, "both functions call TODO(\"sigmoid\")")
        let reference = try checkout.read("Sources/Solutions/Sigmoid.swift")
        #expect(reference.contains("PLACEHOLDER, NOT THE REFERENCE") && reference.contains(ExerciseScaffold.authorTODO))
        let checks = try checkout.read("Sources/GraderKit/Checks/SigmoidChecks.swift")
        #expect(checks.contains("public static let sigmoid = ExerciseChecks("))
        #expect(checks.contains("forward: SigmoidCalls.forward.name"))
        #expect(try checkout.read("Sources/WorkerKit/Handlers/SigmoidHandlers.swift")
            .contains("public static func sigmoid(_ layer: some SigmoidLayer) -> ExerciseHandlers"))
        #expect(try checkout.read("Sources/WorkerKit/Handlers/SigmoidHandlers.swift").contains("public enum SigmoidCalls {"))
        let handout = try checkout.read("assignments/\(Self.folder("sigmoid"))/README.md")
        #expect(handout.hasPrefix("# \(Self.number) · Sigmoid\n"))
        for section in ["## Why this layer", "## The forward pass", "## The backward pass", "## What to implement",
                        "## How to check it", "## Common pitfalls", "## Questions"] {
            #expect(handout.contains("\n\(section)\n"), "the handout lacks \(section)")
        }
    }

    @Test("registers the exercise last in every list that names each exercise, once")
    func registers() throws {
        defer { checkout.remove() }
        try scaffold("sigmoid").apply()
        let expected = [
            "Sources/Curriculum/CourseImplementation.swift":
                "\n    /// Exercise `sigmoid`.\n    associatedtype Sigmoid: SigmoidLayer\n}\n",
            "Sources/Exercises/StudentImplementation.swift":
                "\n    public typealias Sigmoid = Exercises.Sigmoid\n}\n",
            "Sources/Solutions/ReferenceImplementation.swift":
                "\n    public typealias Sigmoid = Solutions.Sigmoid\n}\n",
            "Sources/WorkerKit/CourseImplementation+Handlers.swift":
                ",\n            .sigmoid(Sigmoid()),\n        ]\n",
            "Sources/GraderKit/Judge/Judge.swift": ",\n        .sigmoid,\n    ]\n",
            "assignments/README.md":
                "(\(Self.last.folder)/README.md) |\n| \(Self.number) | `sigmoid` | AUTHOR-TODO: what the student writes | [\(Self.folder("sigmoid"))](\(Self.folder("sigmoid"))/README.md) |\n",
            "docs/fixtures.md": "| `sigmoid.forward` / `.backward` | `x` [+ `dout`] | | `out` [, `dx`] |\n\n",
        ]
        for (path, added) in expected {
            let text = try checkout.read(path)
            #expect(text.contains(added), "\(path)")
            #expect(text.components(separatedBy: "igmoid").count == added.components(separatedBy: "igmoid").count,
                    "\(path) names the exercise only in its new lines")
        }

        try ExerciseScaffold(ExerciseName("leaky-relu", typeName: "LeakyReLU"), root: checkout.root, course: course).apply()
        #expect(try checkout.read("Sources/WorkerKit/CourseImplementation+Handlers.swift")
            .contains("            .sigmoid(Sigmoid()),\n            .leakyReLU(LeakyReLU()),\n        ]\n"))
        #expect(checkout.exists("assignments/\(Self.folder("leaky-relu", offset: 1))/README.md"))
    }

    @Test("the student edition, without Sources/Solutions, gets every registration but the reference's")
    func studentEdition() throws {
        defer { checkout.remove() }
        try FileManager.default.removeItem(at: checkout.root.appendingPathComponent("Sources/Solutions"))
        let (_, edited) = try scaffold("sigmoid").apply()
        #expect(Set(edited) == Set(Self.registrationFiles.filter { !$0.hasPrefix("Sources/Solutions/") } + ["assignments/course.json"]))
    }

    @Test("adds the course.json entry last, with the checks' ids, leaving the other entries as they were")
    func addsTheCourseEntry() throws {
        defer { checkout.remove() }
        let before = try course
        let text = try checkout.read("assignments/course.json")
        try scaffold("sigmoid").apply()
        let after = try JSONDecoder().decode(Course.self, from: Data(checkout.read("assignments/course.json").utf8))
        #expect(Array(after.exercises.dropLast()) == before.exercises)
        let untouched = String(text.prefix { $0 != "]" }).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try checkout.read("assignments/course.json").hasPrefix(untouched), "the text before the new entry is unchanged")
        let entry = try #require(after.exercises.last)
        #expect(entry.name == "sigmoid" && entry.folder == Self.folder("sigmoid") && entry.enabled)
        let checks = try checkout.read("Sources/GraderKit/Checks/SigmoidChecks.swift")
        #expect(entry.checks.keys.sorted() == ["backward", "forward", "gradient"])
        for id in entry.checks.keys { #expect(checks.contains("(\"\(id)\", "), "the checks file has no check '\(id)'") }
        #expect(entry.checks.values.allSatisfy { $0.points > 0 && $0.threshold == 1e-8 })
    }

    @Test("refuses a name, type, member or file that exists, and writes nothing", arguments: [
        ("relu", nil, "an exercise 'relu' exists already (assignments/02-relu)"),
        ("tensor", nil, "the type name 'Tensor' is taken (Sources/TensorKit/Tensor.swift)"),
        ("rectifier", "ReLU", "Sources/Solutions/ReLU.swift exists already"),
    ] as [(String, String?, String)])
    func refusesTakenNames(name: String, type: String?, message: String) throws {
        defer { checkout.remove() }
        let course = try checkout.read("assignments/course.json")
        #expect { try scaffold(name, type: type).apply() } throws: { "\($0)".contains(message) }
        #expect(try checkout.read("assignments/course.json") == course)
    }

    @Test("without the list it registers in, the error names the file and nothing is written")
    func missingList() throws {
        defer { checkout.remove() }
        let path = "Sources/WorkerKit/CourseImplementation+Handlers.swift"
        let handlers = try checkout.read(path)
        try checkout.write(path, handlers.replacingOccurrences(of: "public static var exerciseHandlers", with: "public static var handlers"))
        #expect { try scaffold("sigmoid").apply() } throws: { error in
            "\(error)".contains("\(path) has no line with 'public static var exerciseHandlers'")
        }
        #expect(!checkout.exists("Sources/Exercises/Sigmoid.swift"))
        #expect(!checkout.exists("assignments/\(Self.folder("sigmoid"))"))
        #expect(try !checkout.read("Sources/Curriculum/CourseImplementation.swift").contains("Sigmoid"))
    }

    @Test("leaves AUTHOR-TODO in the files only the author can write, and they are found")
    func marksWhatTheAuthorWrites() throws {
        defer { checkout.remove() }
        try scaffold("sigmoid").apply()
        #expect(ExerciseScaffold.filesWithAuthorTODO(in: checkout.root) == [
            "Sources/Curriculum/Sigmoid.swift", "Sources/Exercises/Sigmoid.swift", "Sources/Solutions/Sigmoid.swift",
            "Sources/GraderKit/Checks/SigmoidChecks.swift", "assignments/\(Self.folder("sigmoid"))/README.md",
            "assignments/\(Self.folder("sigmoid"))/answers.md", "assignments/README.md",
        ])
        #expect(ExerciseScaffold.filesWithAuthorTODO(in: checkout.root, under: ["Sources/Solutions"]) == ["Sources/Solutions/Sigmoid.swift"])
    }
}

#endif

@Suite("Adding an entry to course.json as text")
struct CourseFileEntryTests {
    @Test("goes into the top-level exercises array, not a nested one or a string that looks like it")
    func findsTheArray() throws {
        let text = #"{"note": "exercises: [ \" ]", "meta": {"exercises": []}, "exercises": [{"name": "a"}], "tail": [1]}"#
        let result = try CourseFileEntry.appending(#"{"name": "b"}"#, to: text, file: "course.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
        #expect((json["exercises"] as? [[String: String]])?.map { $0["name"] } == ["a", "b"])
        #expect((json["meta"] as? [String: [Int]])?["exercises"]?.isEmpty == true)
        #expect(json["note"] as? String == #"exercises: [ " ]"#)
    }

    @Test("fills an empty array without a leading comma")
    func emptyArray() throws {
        let result = try CourseFileEntry.appending(#"{"name": "b"}"#, to: #"{"title": "t", "exercises": [ ]}"#, file: "course.json")
        let json = try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any]
        #expect((json?["exercises"] as? [[String: String]])?.count == 1)
    }

    @Test("a file without the array is an error naming it")
    func noArray() {
        #expect { try CourseFileEntry.appending("{}", to: #"{"title": "t"}"#, file: "x/course.json") } throws: { error in
            "\(error)".hasPrefix("x/course.json: found no top-level \"exercises\"")
        }
    }
}
