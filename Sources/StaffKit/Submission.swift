import Foundation

/// What a student handed in, as the grader reads it: the files that replace shipped
/// stubs, their answers to the inline questions, and everything else, ignored.
///
/// A submission is a folder (unpacked from a .zip by ``SubmissionArchive``) holding
/// the student's whole checkout or just their exercise files. A file is taken when it
/// has a stub's name (`Affine.swift`) and sits in a `Sources/Exercises` folder at any
/// depth, or at the top. Symbolic links are never followed.
public struct Submission: Sendable {
    /// The student: the submission's folder or archive name.
    public var student: String
    /// The student's files, by stub file name (`"Affine.swift"`).
    public var exerciseFiles: [String: Data]
    /// Where in the submission each of them was found.
    public var exercisePaths: [String: String]
    /// Every `answers.md`, verbatim, for manual grading.
    public var answers: [AnswerFile]
    /// What was not used, each path with why (`"notes.txt"`, `".git/ (folder skipped)"`).
    public var ignored: [String]
    /// Files whose names imitate a stub's (``Lookalike``), each with what differs; they
    /// are in ``ignored`` too.
    public var lookalikes: [String] = []

    /// Files larger than this are not read (no exercise needs anywhere near it).
    public static let fileSizeLimit = 512 << 10
    /// More entries than this and the rest of the folder is not looked at.
    public static let entryLimit = 20_000

    /// Reads a submission folder.
    /// - Parameters:
    ///   - folder: the submission, unpacked.
    ///   - student: the student's name.
    ///   - stubNames: the shipped stubs' file names.
    public static func read(_ folder: URL, student: String, stubNames: Set<String>) throws -> Submission {
        let fm = FileManager.default
        var candidates: [String: [String]] = [:]
        var answers: [AnswerFile] = []
        var ignored: [String] = []
        var lookalikes: [String] = []
        var seen = 0
        func walk(_ relative: [String]) throws {
            let url = relative.reduce(folder) { $0.appendingPathComponent($1) }
            for name in try fm.contentsOfDirectory(atPath: url.path).sorted() {
                seen += 1
                guard seen <= entryLimit else { return }
                let components = relative + [name]
                let path = components.joined(separator: "/")
                let attributes = try fm.attributesOfItem(atPath: url.appendingPathComponent(name).path)
                let type = attributes[.type] as? FileAttributeType
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                if type == .typeDirectory {
                    if name.hasPrefix(".") || name == "__MACOSX" {
                        ignored.append(path + "/ (folder skipped)")
                    } else {
                        try walk(components)
                    }
                } else if type == .typeSymbolicLink {
                    ignored.append(path + " (symbolic link, not followed)")
                } else if type != .typeRegular {
                    ignored.append(path + " (not a regular file)")
                } else if stubNames.contains(name) && isExerciseLocation(components) {
                    if size > fileSizeLimit {
                        ignored.append(path + " (larger than \(fileSizeLimit >> 10) KiB)")
                    } else {
                        candidates[name, default: []].append(path)
                    }
                } else if let imitated = Lookalike.imitated(by: name, among: stubNames) {
                    let note = "\(path) (looks like \(imitated.stub) but is not: \(imitated.characters.joined(separator: ", ")); not graded)"
                    ignored.append(note)
                    lookalikes.append(note)
                } else if name.lowercased() == "answers.md" && size > fileSizeLimit {
                    ignored.append(path + " (larger than \(fileSizeLimit >> 10) KiB)")
                } else if name.lowercased() == "answers.md" {
                    answers.append(AnswerFile(path: path, text: String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)))
                } else {
                    ignored.append(path)
                }
            }
        }
        try walk([])
        if seen > entryLimit { ignored.append("(more than \(entryLimit) entries: the rest was not looked at)") }

        var files: [String: Data] = [:], paths: [String: String] = [:]
        for (name, found) in candidates {
            // The copy nearest the top wins; other copies are listed as ignored.
            let ranked = found.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
            paths[name] = ranked[0]
            files[name] = try Data(contentsOf: folder.appendingPathComponent(ranked[0]))
            ignored += ranked.dropFirst().map { "\($0) (another copy; \(ranked[0]) was graded)" }
        }
        return Submission(student: student, exerciseFiles: files, exercisePaths: paths,
                          answers: answers, ignored: ignored.sorted(), lookalikes: lookalikes.sorted())
    }

    /// A stub's name is taken at the top of the submission or in `Sources/Exercises`.
    static func isExerciseLocation(_ components: [String]) -> Bool {
        components.count == 1 || components.dropLast().suffix(2) == ["Sources", "Exercises"]
    }
}

/// A student's `answers.md`, as found.
public struct AnswerFile: Sendable, Hashable, Codable {
    /// Its path in the submission: `assignments/06-batchnorm/answers.md`.
    public var path: String
    public var text: String
}
