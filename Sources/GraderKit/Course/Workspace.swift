import CommandLineKit
import Foundation

/// A BackpropLab checkout as the grader sees it: where the package, the assignments
/// and the built worker are, and how to build the worker.
public struct Workspace: Sendable {
    /// The folder holding Package.swift.
    public var root: URL
    /// The folder of the running grader executable (`.build/debug` or `.build/release`).
    public var binDirectory: URL
    /// Where `swift build` keeps its products when not in `root/.build` (staff grading
    /// builds students' code in a staging copy; see ``StagingArea``).
    public var scratchPath: URL?
    /// Seconds a build may take before it is stopped (`nil`: no limit).
    public var buildTimeLimit: Double?

    public init(root: URL, binDirectory: URL, scratchPath: URL? = nil, buildTimeLimit: Double? = nil) {
        self.root = root
        self.binDirectory = binDirectory
        self.scratchPath = scratchPath
        self.buildTimeLimit = buildTimeLimit
    }

    public var assignments: URL { root.appendingPathComponent("assignments") }
    public var courseFile: URL { assignments.appendingPathComponent("course.json") }

    /// The checkout that holds `directory` (walking up to the first folder with a
    /// Package.swift and an assignments/course.json).
    public static func find(from directory: URL, binDirectory: URL) throws(UsageError) -> Workspace {
        var url = directory.standardizedFileURL
        let fm = FileManager.default
        while true {
            if fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: url.appendingPathComponent("assignments/course.json").path) {
                return Workspace(root: url, binDirectory: binDirectory)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path {
                throw UsageError("no BackpropLab checkout (Package.swift with assignments/course.json) in \(directory.path) or above; run the grader from your checkout or pass --package-path")
            }
            url = parent
        }
    }

    /// The worker product for an implementation.
    public static func workerProduct(_ implementation: String) -> String {
        implementation == "solutions" ? "grader-worker-solutions" : "grader-worker"
    }

    public func workerExecutable(_ implementation: String) -> URL {
        binDirectory.appendingPathComponent(Workspace.workerProduct(implementation))
    }

    /// Builds the worker product in the configuration the grader itself was built in.
    /// - Returns: `nil` on success, or the compiler's errors, shortened to the lines
    ///   about files under Sources/ (`Sources/Exercises/Affine.swift:12:5: error: …`).
    public func buildWorker(_ implementation: String) -> String? {
        buildProduct(Workspace.workerProduct(implementation))
    }

    /// Builds a product of the package; `nil` on success, else the short errors.
    public func buildProduct(_ product: String) -> String? {
        build(product).errors
    }

    /// How a build ended.
    public struct BuildResult: Sendable {
        /// `nil` on success, else the short errors (or why the build was stopped).
        public var errors: String?
        /// Whether the build was stopped at ``Workspace/buildTimeLimit``.
        public var timedOut = false
        /// At a time-out: the source files the compiler was still working on, relative
        /// to the package (`Sources/Exercises/Affine.swift`).
        public var compiling: [String] = []
    }

    /// Builds a product of the package, in a session of its own that is killed whole
    /// (the compiler processes included) at ``buildTimeLimit``.
    public func build(_ product: String) -> BuildResult {
        // SwiftPM leaves a few empty `TemporaryDirectory.*` folders in $TMPDIR on every
        // build: each build gets a TMPDIR of its own, removed afterwards, so that grading
        // 300 submissions does not leave two thousand behind.
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("backproplab-build-\(getpid())-\(UUID().uuidString.prefix(8))")
        let ownTemporary = (try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)) != nil
        defer { if ownTemporary { try? FileManager.default.removeItem(at: temporary) } }
        var arguments = (ownTemporary ? ["TMPDIR=\(temporary.path)"] : [])
            + ["swift", "build", "--package-path", root.path, "--product", product]
        if let scratchPath { arguments += ["--scratch-path", scratchPath.path] }
        if binDirectory.lastPathComponent == "release" || binDirectory.path.contains("/release/") {
            arguments += ["-c", "release"]
        }
        let build = ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments,
                                  timeLimit: buildTimeLimit)
        let outcome: ProcessRunner.Outcome
        do { outcome = try build.run() } catch { return BuildResult(errors: "cannot run `swift build`: \(error)") }
        if outcome.timedOut {
            return BuildResult(errors: "the build took longer than \(Int(buildTimeLimit ?? 0)) s and was stopped",
                               timedOut: true, compiling: compiledFiles(outcome.runningAtTimeOut))
        }
        guard outcome.status != 0 else { return BuildResult() }
        return BuildResult(errors: Workspace.shortCompilerErrors(outcome.output, root: root.path))
    }

    /// The package's source files named in compiler command lines: the primary files
    /// of `swift-frontend` (every source file it was given, without primary files).
    func compiledFiles(_ commandLines: [[String]]) -> [String] {
        var files: Set<String> = []
        for arguments in commandLines where arguments.first?.hasSuffix("swift-frontend") == true {
            let primaries = zip(arguments, arguments.dropFirst()).filter { $0.0 == "-primary-file" }.map(\.1)
            for path in primaries.isEmpty ? arguments.filter({ $0.hasSuffix(".swift") }) : primaries
            where path.hasPrefix(root.path + "/") {
                files.insert(String(path.dropFirst(root.path.count + 1)))
            }
        }
        return files.sorted()
    }

    /// The `error:` lines of a build log, deduplicated, with paths relative to the
    /// checkout; the whole log's tail when there are none.
    static func shortCompilerErrors(_ log: String, root: String) -> String {
        var seen = Set<String>()
        var errors: [String] = []
        for line in log.split(separator: "\n") where line.contains(": error: ") {
            var text = String(line)
            if text.hasPrefix(root + "/") { text.removeFirst(root.count + 1) }
            if seen.insert(text).inserted { errors.append(text) }
        }
        if errors.isEmpty { return log.split(separator: "\n").suffix(20).joined(separator: "\n") }
        return errors.joined(separator: "\n")
    }
}
