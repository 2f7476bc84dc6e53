import Foundation

/// A BackpropLab checkout as the grader sees it: where the package, the assignments
/// and the built worker are, and how to build the worker.
public struct Workspace: Sendable {
    /// The folder holding Package.swift.
    public var root: URL
    /// The folder of the running grader executable (`.build/debug` or `.build/release`).
    public var binDirectory: URL

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
        var arguments = ["swift", "build", "--package-path", root.path, "--product", product]
        if binDirectory.lastPathComponent == "release" || binDirectory.path.contains("/release/") {
            arguments += ["-c", "release"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return "cannot run `swift build`: \(error.localizedDescription)" }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return nil }
        return Workspace.shortCompilerErrors(output, root: root.path)
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
