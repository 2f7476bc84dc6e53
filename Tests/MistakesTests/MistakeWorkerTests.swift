import Foundation
import Mistakes
import Testing

/// The `grader-worker-mistakes` executable, as `grader mistakes` runs it. Needs the
/// products built next to the tests (`swift build` does that; so does `swift test`).
@Suite("grader-worker-mistakes")
struct MistakeWorkerTests {
    struct Entry: Decodable, Equatable {
        var id: String
        var exercise: String
        var title: String
        var hint: String
    }

    @Test("--list prints the catalogue as JSON, in the course's order of exercises")
    func list() throws {
        let (status, output, _) = try Self.run(["--list"])
        #expect(status == 0)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(output.utf8))
        #expect(entries == MistakeCatalog.all.map { Entry(id: $0.id, exercise: $0.exercise, title: $0.title, hint: $0.hint) })
    }

    @Test("an unknown id exits with status 2 and names the ids that resemble it")
    func unknownID() throws {
        let (status, output, error) = try Self.run(["--mistake", "dropout-no-rescaling"])
        #expect(status == 2)
        #expect(output.isEmpty)
        #expect(error.contains("no mistake 'dropout-no-rescaling'"))
        #expect(error.contains("'dropout-no-train-rescaling'"))
    }

    @Test("without arguments it prints its usage and exits with status 2")
    func usage() throws {
        let (status, _, error) = try Self.run([])
        #expect(status == 2)
        #expect(error.contains("usage: grader-worker-mistakes"))
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let worker: URL = try #require(executable(), "grader-worker-mistakes was not built next to the tests")
        let process = Process()
        process.executableURL = worker
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Standard error carries a line at most, so reading standard output to its end
        // first cannot leave the worker blocked on a full pipe.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The executable in the build folder the tests run from.
    static func executable() -> URL? {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("grader-worker-mistakes")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
