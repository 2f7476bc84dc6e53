import Foundation
import GraderKit

/// `grader new-exercise NAME`: every file of a new layer exercise (docs/author-guide.md,
/// "Adding an exercise"), and the lines that register it.
///
/// The scaffold is a layer with one input, forward and backward, like the ReLU. It
/// compiles as written, the grader lists it and reports it not started; what only the
/// author can write is marked `AUTHOR-TODO`, and the reference is an identity layer
/// until the author replaces it. docs/author-guide.md walks through the rest.
///
/// The exercise is registered by one line in each list that names every exercise
/// (``registrations``): the associated type of `CourseImplementation`, each
/// implementation's `typealias`, the worker's handlers, `Judge.catalog`, and the rows of
/// the handout and fixtures tables. Each list is found by the line that opens it.
public struct ExerciseScaffold {
    /// Stands in every place the author must write: `grader release` refuses to run
    /// while one is left, and `grader fixtures` warns about a reference that holds one.
    public static let authorTODO = "AUTHOR-TODO"

    public var names: ExerciseName
    /// The author's checkout.
    public var root: URL
    /// The handout folder under `assignments/`: the next free number and the name.
    public var folder: String

    /// Plans the scaffold of `names` in `root`.
    /// - Throws: ``AuthorError`` when the exercise, one of its files, its type, protocol
    ///   or members exist already.
    public init(_ names: ExerciseName, root: URL, course: Course) throws {
        self.names = names
        self.root = root
        if let existing = course.exercises.first(where: { $0.name == names.name }) {
            throw AuthorError("an exercise '\(names.name)' exists already (assignments/\(existing.folder)); choose another name")
        }
        if Judge.catalogByName[names.name] != nil {
            throw AuthorError("the grader has an exercise '\(names.name)' already (disabled or not in course.json); choose another name")
        }
        let number = ExerciseScaffold.nextNumber(course: course, assignments: root.appendingPathComponent("assignments"))
        folder = String(format: "%02d-", number) + names.name
        try checkNamesAreFree()
    }

    // MARK: - The files

    /// Every new file: path relative to the checkout, and its contents.
    public var newFiles: [(path: String, contents: String)] {
        let type = names.typeName
        return [
            ("Sources/Curriculum/\(type).swift", protocolSource),
            ("Sources/Exercises/\(type).swift", stubSource),
            ("Sources/Solutions/\(type).swift", referenceSource),
            ("Sources/GraderKit/Checks/\(type)Checks.swift", checksSource),
            ("Sources/WorkerKit/Handlers/\(type)Handlers.swift", handlersSource),
            ("assignments/\(folder)/README.md", handoutSource),
            ("assignments/\(folder)/answers.md", answersSource),
        ]
    }

    /// Writes the new files and the exercise's registration lines, and adds it to
    /// course.json. Everything is prepared first, so a problem leaves the checkout as it was.
    /// - Returns: the paths written, new files first, then the edited ones.
    @discardableResult
    public func apply() throws -> (created: [String], edited: [String]) {
        var edits = try registrationEdits()
        let courseFile = root.appendingPathComponent("assignments/course.json")
        let courseText = try String(contentsOf: courseFile, encoding: .utf8)
        edits.append(("assignments/course.json", try CourseFileEntry.appending(
            CourseFileEntry.layer(name: names.name, folder: folder), to: courseText, file: courseFile.path)))
        let fm = FileManager.default
        for (path, contents) in newFiles {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        for (path, contents) in edits {
            try contents.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        return (newFiles.map(\.path), edits.map(\.path))
    }

    /// The one entry of the exercise in each list that names every exercise. The
    /// reference's is left out in the student edition, which has no `Sources/Solutions`.
    var registrations: [RegistrationLine] {
        let type = names.typeName, member = names.memberName
        var lines = [
            RegistrationLine(path: "Sources/Curriculum/CourseImplementation.swift",
                             opening: "public protocol CourseImplementation", closing: "}",
                             lines: ["/// Exercise `\(names.name)`.", "associatedtype \(type): \(names.protocolName)"]),
            RegistrationLine(path: "Sources/Exercises/StudentImplementation.swift",
                             opening: "public enum StudentImplementation", closing: "}",
                             lines: ["public typealias \(type) = Exercises.\(type)"]),
            RegistrationLine(path: "Sources/Solutions/ReferenceImplementation.swift",
                             opening: "public enum ReferenceImplementation", closing: "}",
                             lines: ["public typealias \(type) = Solutions.\(type)"]),
            RegistrationLine(path: "Sources/WorkerKit/CourseImplementation+Handlers.swift",
                             opening: "public static var exerciseHandlers", closing: "]",
                             lines: [".\(member)(\(type)()),"]),
            RegistrationLine(path: "Sources/GraderKit/Judge/Judge.swift",
                             opening: "public static let catalog: [ExerciseChecks]", closing: "]",
                             lines: [".\(member),"]),
            RegistrationLine(path: "assignments/README.md", opening: "| # | exercise |", closing: "",
                             lines: ["| \(number) | `\(names.name)` | \(ExerciseScaffold.authorTODO): what the student writes | [\(folder)](\(folder)/README.md) |"]),
            RegistrationLine(path: "docs/fixtures.md", opening: "| call | inputs (tensors) |", closing: "",
                             lines: ["| `\(names.name).forward` / `.backward` | `x` [+ `dout`] | | `out` [, `dx`] |"]),
        ]
        if !fm.fileExists(atPath: root.appendingPathComponent("Sources/Solutions").path) {
            lines.removeAll { $0.path.hasPrefix("Sources/Solutions/") }
        }
        return lines
    }

    /// The files of ``registrations`` with the exercise's lines added.
    /// - Throws: ``AuthorError`` naming the file and the line it lacks.
    func registrationEdits() throws -> [(path: String, contents: String)] {
        try registrations.map { registration in
            let url = root.appendingPathComponent(registration.path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw AuthorError("\(registration.path) is missing: it registers every exercise; restore it from git, then run new-exercise again")
            }
            guard let edited = registration.inserting(in: text) else {
                throw AuthorError("\(registration.path) has no line with '\(registration.opening)' followed by its list: the scaffold registers the exercise there; restore it from git, then run new-exercise again")
            }
            return (registration.path, edited)
        }
    }

    private var fm: FileManager { .default }

    /// The handout's number: the start of ``folder``.
    private var number: Int { Int(folder.prefix { $0.isNumber }) ?? 0 }

    // MARK: - Checks before writing

    /// The handout number after the highest one in course.json and in assignments/.
    static func nextNumber(course: Course, assignments: URL) -> Int {
        let folders = course.exercises.map(\.folder)
            + ((try? FileManager.default.contentsOfDirectory(atPath: assignments.path)) ?? [])
        let numbers = folders.compactMap { Int($0.prefix { $0.isNumber }) }
        return (numbers.max() ?? 0) + 1
    }

    /// Refuses names that are taken: a new file that exists, a type or protocol declared
    /// anywhere in Sources, a static member of the checks or handlers.
    func checkNamesAreFree() throws {
        for (path, _) in newFiles where fm.fileExists(atPath: root.appendingPathComponent(path).path) {
            throw AuthorError("\(path) exists already; choose another name, or another type with --type")
        }
        let declarations = ["struct", "class", "enum", "protocol", "typealias", "actor"]
        let members = ["static let", "static var", "static func"]
        // Checks and handlers are extensions of ExerciseChecks and ExerciseHandlers.
        let memberFolders = ["Sources/GraderKit", "Sources/WorkerKit"]
        for path in swiftFiles(under: "Sources") {
            guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { continue }
            for name in [names.typeName, names.protocolName, names.callsName]
            where declarations.contains(where: { ExerciseScaffold.contains(text, word: "\($0) \(name)") }) {
                throw AuthorError("the type name '\(name)' is taken (\(path)); choose another with --type")
            }
            if memberFolders.contains(where: { path.hasPrefix($0 + "/") }),
               members.contains(where: { ExerciseScaffold.contains(text, word: "\($0) \(names.memberName)") }) {
                throw AuthorError("the member name '\(names.memberName)' is taken (\(path)); choose another name or --type")
            }
        }
    }

    /// Whether `text` holds `words` (`"struct Sigmoid"`) outside comment lines, with no
    /// identifier character just before or after it.
    static func contains(_ text: String, word words: String) -> Bool {
        func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        return text.split(separator: "\n").contains { line in
            guard !line.drop(while: \.isWhitespace).hasPrefix("//") else { return false }
            var search = line.startIndex..<line.endIndex
            while let found = line.range(of: words, range: search) {
                let before = found.lowerBound > line.startIndex ? line[line.index(before: found.lowerBound)] : " "
                let after = found.upperBound < line.endIndex ? line[found.upperBound] : " "
                if !isIdentifier(before) && !isIdentifier(after) { return true }
                search = found.upperBound..<line.endIndex
            }
            return false
        }
    }

    /// The Swift files under `folder` of the checkout, relative to it, sorted.
    func swiftFiles(under folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let paths = fm.subpaths(atPath: base.path) else { return [] }
        return paths.filter { $0.hasSuffix(".swift") }.sorted().map { "\(folder)/\($0)" }
    }

    /// The folders a scaffold writes into: where an ``authorTODO`` may be left.
    public static let anatomyFolders = [
        "Sources/Curriculum", "Sources/Exercises", "Sources/Solutions", "Sources/GraderKit/Checks",
        "Sources/WorkerKit/Handlers", "assignments",
    ]

    /// The Swift and Markdown files under `folders` that still hold an ``authorTODO``,
    /// relative to the checkout.
    public static func filesWithAuthorTODO(in root: URL, under folders: [String] = anatomyFolders) -> [String] {
        folders.flatMap { folder -> [String] in
            let base = root.appendingPathComponent(folder)
            guard let paths = FileManager.default.subpaths(atPath: base.path) else { return [] }
            return paths.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }.sorted().compactMap { path in
                let text = try? String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
                return text?.contains(authorTODO) == true ? "\(folder)/\(path)" : nil
            }
        }
    }
}
