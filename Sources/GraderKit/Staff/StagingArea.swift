import Foundation

/// A private copy of the course in which students' code is built.
///
/// The stage holds the course's own package (Package.swift, Sources/, Tests/ and
/// assignments/course.json), kept in sync with the course by copying only what changed,
/// and one student's `Sources/Exercises` at a time. All its builds share one scratch
/// folder, so the course's modules (TensorKit, Curriculum, WorkerKit) are compiled once
/// and a submission costs an incremental build of its Exercises module and a link.
public struct StagingArea: Sendable {
    /// The course checkout being graded for.
    public var course: Workspace
    /// The folder holding the stage and its build products (e.g. `.build-grading`).
    public var folder: URL
    /// Seconds one build may take (a file that stalls the type checker is stopped).
    public var buildTimeLimit: Double = 600

    public init(course: Workspace, folder: URL) {
        self.course = course
        self.folder = folder.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The staged copy of the package.
    public var root: URL { folder.appendingPathComponent("stage") }
    var exercisesFolder: URL { root.appendingPathComponent("Sources/Exercises") }

    /// The staged package as a workspace: builds into the shared scratch folder, in
    /// the configuration the grader itself was built in.
    public var workspace: Workspace {
        let scratch = folder.appendingPathComponent("scratch")
        let configuration = course.binDirectory.path.contains("/release") ? "release" : "debug"
        return Workspace(root: root, binDirectory: scratch.appendingPathComponent(configuration),
                         scratchPath: scratch, buildTimeLimit: buildTimeLimit)
    }

    /// The shipped stubs, by file name (`"Affine.swift"`): the course's
    /// `Sources/Exercises`, which a staff checkout holds as the students got them.
    public func stubs() throws -> [String: Data] {
        let folder = course.root.appendingPathComponent("Sources/Exercises")
        var stubs: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            stubs[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return stubs
    }

    // MARK: - The course's sources

    /// Brings the stage's copy of the course up to date with the course. Only files
    /// whose contents changed are written, so the build products stay valid; files the
    /// course no longer has are removed. `Sources/Exercises` is left to ``stage(_:)``,
    /// except in a new stage, which gets the stubs (the package needs the folder).
    public func synchronize() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        var wanted: Set<String> = ["Package.swift", "assignments/course.json"]
        for folder in ["Sources", "Tests"] {
            wanted.formUnion(try files(under: course.root, folder).filter { !$0.hasPrefix("Sources/Exercises/") })
        }
        for path in wanted.sorted() {
            try write(Data(contentsOf: course.root.appendingPathComponent(path)), to: root.appendingPathComponent(path))
        }
        for folder in ["Sources", "Tests"] {
            for path in try files(under: root, folder) where !wanted.contains(path) && !path.hasPrefix("Sources/Exercises/") {
                try fm.removeItem(at: root.appendingPathComponent(path))
            }
        }
        if (try? fm.contentsOfDirectory(atPath: exercisesFolder.path))?.isEmpty ?? true {
            try stage(try stubs())
        }
    }

    /// Regular files under `base/folder`, as paths relative to `base`, skipping hidden
    /// files and folders.
    private func files(under base: URL, _ folder: String) throws -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        func walk(_ relative: String) throws {
            let url = base.appendingPathComponent(relative)
            for name in try fm.contentsOfDirectory(atPath: url.path) where !name.hasPrefix(".") {
                let path = relative + "/" + name
                let type = try fm.attributesOfItem(atPath: base.appendingPathComponent(path).path)[.type] as? FileAttributeType
                if type == .typeDirectory { try walk(path) } else if type == .typeRegular { result.append(path) }
            }
        }
        if fm.fileExists(atPath: base.appendingPathComponent(folder).path) { try walk(folder) }
        return result
    }

    /// Writes `data` unless the file already holds exactly that (keeping its date, so
    /// the build does not recompile what did not change).
    private func write(_ data: Data, to destination: URL) throws {
        if let existing = try? Data(contentsOf: destination), existing == data { return }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: destination, options: .atomic)
    }

    // MARK: - One submission

    /// Makes the stage's `Sources/Exercises` exactly `files` (file name → contents),
    /// removing any other file there.
    public func stage(_ files: [String: Data]) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: exercisesFolder, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: exercisesFolder.path) where files[name] == nil {
            try fm.removeItem(at: exercisesFolder.appendingPathComponent(name))
        }
        for (name, data) in files { try write(data, to: exercisesFolder.appendingPathComponent(name)) }
    }

    /// Builds `grader-worker` from the stubs overlaid with a student's files. A file
    /// the compiler rejects is swapped for its stub and the build retried, until it
    /// succeeds, so one broken file costs only its own exercises.
    /// - Parameters:
    ///   - files: the student's files, by stub file name.
    ///   - stubs: the shipped stubs, by file name.
    /// - Returns: the worker (its path in the scratch folder, valid until the next
    ///   build) and the files that did not compile; no worker when even the stubs fail.
    public func buildWorker(_ files: [String: Data], stubs: [String: Data]) throws -> StagedBuild {
        var failures: [CompileFailure] = []
        var swapped: Set<String> = []
        let catalog = Judge.catalog
        // Every retry swaps at least one more file, so this ends.
        while true {
            try stage(stubs.merging(files.filter { !swapped.contains($0.key) }) { _, student in student })
            guard let errors = workspace.buildWorker("student") else {
                return StagedBuild(worker: workspace.workerExecutable("student"), compileFailures: failures)
            }
            let lines = errors.split(separator: "\n").map(String.init)
            let remaining = files.keys.filter { !swapped.contains($0) }.sorted()
            var culprits = Dictionary(grouping: lines) { line in
                StagingArea.culprit(of: line, among: remaining)
            }
            let unattributed = culprits.removeValue(forKey: nil) ?? []
            if culprits.isEmpty {
                // Errors the files do not explain (say, in the worker's main.swift for a
                // type that is missing): every file still in is suspect.
                guard !remaining.isEmpty else {
                    return StagedBuild(worker: nil, compileFailures: failures, buildError: errors)
                }
                for file in remaining { culprits[file] = unattributed }
            }
            let before = swapped.sorted()
            for (file, errors) in culprits {
                guard let file else { continue }
                swapped.insert(file)
                let exercises = catalog.filter { $0.stubFile.hasSuffix("/" + file) }.map(\.name)
                failures.append(CompileFailure(file: "Sources/Exercises/" + file, exercises: exercises, errors: errors,
                                               afterSwapping: before))
            }
            failures.sort { $0.file < $1.file }
        }
    }

    /// The student file a compiler error is about: the file it is in, or, for an error
    /// in another file, the file of the type it names (`cannot find 'Affine' in scope`).
    static func culprit(of line: String, among files: [String]) -> String? {
        for file in files where line.hasPrefix("Sources/Exercises/\(file):") { return file }
        if line.hasPrefix("Sources/Exercises/") { return nil }
        return files.first { line.contains("'\($0.dropLast(".swift".count))'") }
    }
}

/// The outcome of building one submission's worker.
public struct StagedBuild: Sendable {
    /// The worker executable, when something could be built.
    public var worker: URL?
    /// The student's files that did not compile and were graded as stubs.
    public var compileFailures: [CompileFailure]
    /// Why nothing could be built (the compiler's errors), when `worker` is `nil`.
    public var buildError: String?
}

/// A student's file the compiler rejected.
public struct CompileFailure: Sendable, Hashable, Codable {
    /// `Sources/Exercises/Affine.swift`.
    public var file: String
    /// The exercises graded as not started because of it.
    public var exercises: [String]
    /// The compiler's error lines.
    public var errors: [String]
    /// The files already graded as stubs when this one failed: it may have compiled
    /// with the student's own versions of them (say, a network using their layers).
    public var afterSwapping: [String] = []
}
