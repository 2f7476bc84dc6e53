import GraderKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A private copy of the course in which students' code is built.
///
/// The stage holds the course's own package (Package.swift, Sources/, Tests/ and
/// assignments/course.json), kept in sync with the course by copying only what changed,
/// and one student's `Sources/Exercises` at a time. All its builds share one scratch
/// folder, so the course's modules (TensorKit, Curriculum, WorkerKit) are compiled once
/// and a submission costs an incremental build of its Exercises module and a link.
///
/// The folder is the grader's alone: it is made mode 0700 (and owned by root when the
/// grader runs as root), so student code, which runs as another user, can read
/// neither the reference worker nor the staged sources. Each judged worker is copied
/// to a 0700 folder of its own under `workers/`, and is execute-only (0711): the
/// launcher opens it before it drops privileges (see ``keepWorker(_:)``).
public struct StagingArea: Sendable {
    /// The course checkout being graded for.
    public var course: Workspace
    /// The folder holding the stage and its build products (e.g. `.build-grading`).
    public var folder: URL
    /// Seconds the build of a submission may take per student file in it: a file that
    /// stalls the type checker for longer is graded as its stub.
    public var fileBuildTimeLimit: Double = 60
    /// Seconds a submission's build may take on top of its files' (compiling the
    /// stubs, linking the worker).
    public var buildAllowance: Double = 120
    /// Seconds the first build of the course in the stage may take.
    public var courseBuildTimeLimit: Double = 1800

    public init(course: Workspace, folder: URL) {
        self.course = course
        self.folder = folder.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The staged copy of the package.
    public var root: URL { folder.appendingPathComponent("stage") }
    var exercisesFolder: URL { root.appendingPathComponent("Sources/Exercises") }

    var scratch: URL { folder.appendingPathComponent("scratch") }

    /// The staged package as a workspace: builds into the shared scratch folder, in
    /// the configuration the grader itself was built in, within the course's limit.
    public var workspace: Workspace { workspace(timeLimit: courseBuildTimeLimit) }

    func workspace(timeLimit: Double) -> Workspace {
        let configuration = course.binDirectory.path.contains("/release") ? "release" : "debug"
        return Workspace(root: root, binDirectory: scratch.appendingPathComponent(configuration),
                         scratchPath: scratch, buildTimeLimit: timeLimit)
    }

    /// The time limit of a build with `count` student files in it.
    public func buildTimeLimit(files count: Int) -> Double {
        buildAllowance + fileBuildTimeLimit * Double(max(1, count))
    }

    // MARK: - Permissions

    /// Makes the folder, `stage`, `scratch` and `workers` with the grader's
    /// permissions (owned by root when the grader runs as root).
    func secureFolders() throws {
        for (url, mode) in [(folder, 0o700), (root, 0o700), (scratch, 0o700), (workersFolder, 0o700)] as [(URL, mode_t)] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            if geteuid() == 0 { _ = chown(url.path, 0, 0) }
            guard chmod(url.path, mode) == 0 else {
                throw SubmissionError("cannot protect \(url.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    var workersFolder: URL { folder.appendingPathComponent("workers") }

    /// Copies a built worker out of the scratch folder, so that the next build may
    /// replace it while this one is judged, into a folder of its own (0700) with a
    /// random name. The copy is execute-only (0711): the worker's user may run it from
    /// the descriptor the launcher opened, but cannot read it, and a process running an
    /// unreadable executable cannot be traced or have its memory read.
    /// - Returns: the copy; remove it with ``discardWorker(_:)``.
    public func keepWorker(_ worker: URL) throws -> URL {
        let folder = workersFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = chmod(folder.path, 0o700)
        let copy = folder.appendingPathComponent(worker.lastPathComponent)
        try WorkerProcess.copyExecutable(worker, to: copy, mode: 0o711)
        return copy
    }

    /// Removes a copy made by ``keepWorker(_:)``.
    public func discardWorker(_ copy: URL) {
        try? FileManager.default.removeItem(at: copy.deletingLastPathComponent())
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
        try secureFolders()
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
    func files(under base: URL, _ folder: String) throws -> [String] {
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
    /// that imports what it may not (``ImportPolicy``) is graded as its stub without
    /// being compiled. A file the compiler rejects is swapped for its stub and the build
    /// retried, until it succeeds, so one broken file costs only its own exercises; so
    /// is a file whose build takes longer than ``fileBuildTimeLimit`` (each build is
    /// bounded by ``buildTimeLimit(files:)``; after a time-out, the files the compiler
    /// was still at are built one at a time to find the slow one).
    /// - Parameters:
    ///   - files: the student's files, by stub file name.
    ///   - stubs: the shipped stubs, by file name.
    /// - Returns: the worker (its path in the scratch folder, valid until the next
    ///   build) and the files that did not compile; no worker when even the stubs fail.
    public func buildWorker(_ files: [String: Data], stubs: [String: Data]) throws -> StagedBuild {
        var failures: [CompileFailure] = []
        var swapped: Set<String> = []
        for (file, data) in files.sorted(by: { $0.key < $1.key }) {
            let problems = ImportPolicy.violations(in: String(decoding: data, as: UTF8.self), path: "Sources/Exercises/" + file)
            if !problems.isEmpty {
                swapped.insert(file)
                failures.append(CompileFailure(file: "Sources/Exercises/" + file, exercises: exercises(of: file), errors: problems))
            }
        }
        // Every retry swaps at least one more file, so this ends.
        while true {
            let remaining = files.keys.filter { !swapped.contains($0) }.sorted()
            let result = try build(files.filter { !swapped.contains($0.key) }, stubs: stubs, limit: buildTimeLimit(files: remaining.count))
            guard let errors = result.errors else {
                return StagedBuild(worker: workspace.workerExecutable("student"), compileFailures: failures)
            }
            let before = swapped.sorted()
            if result.timedOut {
                let slow = slowFiles(among: remaining, compiling: result.compiling, files: files, stubs: stubs)
                guard !slow.isEmpty else {
                    return StagedBuild(worker: nil, compileFailures: failures, buildError: errors)
                }
                for file in slow {
                    swapped.insert(file)
                    failures.append(CompileFailure(
                        file: "Sources/Exercises/" + file, exercises: exercises(of: file),
                        errors: ["Sources/Exercises/\(file): error: building it took longer than \(Int(fileBuildTimeLimit)) s, the limit per file, and was stopped (an expression the type checker cannot solve in reasonable time?)"],
                        afterSwapping: before))
                }
                failures.sort { $0.file < $1.file }
                continue
            }
            let lines = errors.split(separator: "\n").map(String.init)
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
            for (file, errors) in culprits {
                guard let file else { continue }
                swapped.insert(file)
                failures.append(CompileFailure(file: "Sources/Exercises/" + file, exercises: exercises(of: file), errors: errors,
                                               afterSwapping: before))
            }
            failures.sort { $0.file < $1.file }
        }
    }

    /// Stages the stubs overlaid with `files` and builds the worker within `limit` seconds.
    private func build(_ files: [String: Data], stubs: [String: Data], limit: Double) throws -> Workspace.BuildResult {
        try stage(stubs.merging(files) { _, student in student })
        return workspace(timeLimit: limit).build(Workspace.workerProduct("student"))
    }

    /// After a build timed out: the student files to blame. The suspects are the files
    /// the compiler was still at (all remaining files when it cannot be told); each is
    /// built alone with the stubs, within one file's limit, and those that time out are
    /// to blame. When none does alone, every suspect is.
    private func slowFiles(among remaining: [String], compiling: [String], files: [String: Data],
                           stubs: [String: Data]) -> [String] {
        let named = remaining.filter { compiling.contains("Sources/Exercises/" + $0) }
        let suspects = named.isEmpty ? remaining : named
        guard suspects.count > 1 else { return suspects }
        let slow = suspects.filter { file in
            (try? build([file: files[file]!], stubs: stubs, limit: buildTimeLimit(files: 1)))?.timedOut ?? true
        }
        return slow.isEmpty ? suspects : slow
    }

    /// The exercises whose stub is `file`.
    func exercises(of file: String) -> [String] {
        Judge.catalog.filter { $0.stubFile.hasSuffix("/" + file) }.map(\.name)
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
