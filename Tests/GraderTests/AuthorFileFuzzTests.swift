import Foundation
import Testing
@testable import GraderKit

/// An author's files are input like any other: whatever `course.json` or a fixture
/// manifest holds, the grader reads it or refuses it with a message naming the file
/// and the field, and never traps.
@Suite("Author files never trap the judge")
struct AuthorFileFuzzTests {
    static let checkout = BuiltProducts.checkout
    static let courseFile = checkout.appendingPathComponent("assignments/course.json")

    @Test("course.json: numbers out of range and folders outside assignments/ are refused by field", arguments: [
        (#""points": 2,"#, #""points": 1e300,"#, "exercises[0].checks.forward.points: 1e+300 is not a number from 0 to 1000"),
        (#""points": 2,"#, #""points": -1,"#, "exercises[0].checks.forward.points: -1.0 is not a number from 0 to 1000"),
        (#""threshold": 1e-08"#, #""threshold": -0.5"#, "exercises[0].checks.forward.threshold: -0.5 is not a finite number ≥ 0"),
        (#""threshold": 1e-08"#, #""threshold": -1e-8"#, "exercises[0].checks.forward.threshold: -1e-08 is not a finite number ≥ 0"),
        (#""folder": "01-affine""#, #""folder": "../../etc""#, "exercises[0].folder: '../../etc' must be one plain folder name inside assignments/"),
        (#""folder": "01-affine""#, #""folder": "/etc""#, "exercises[0].folder: '/etc' must be one plain folder name"),
        (#""folder": "01-affine""#, #""folder": "02-relu""#, "exercises[1].folder: '02-relu' is used by two exercises"),
    ])
    func refusesOutOfRangeFields(original: String, replacement: String, message: String) throws {
        let text = try String(contentsOf: Self.courseFile, encoding: .utf8)
        let range = try #require(text.range(of: original))
        let url = try Self.temporaryFile(Data(text.replacingCharacters(in: range, with: replacement).utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try Course.load(from: url, catalog: Judge.catalogByName) } throws: { error in
            "\(error)" == "\(url.path): \(message)" || "\(error)".hasPrefix("\(url.path): \(message)")
        }
    }

    @Test("the grader exits 2, naming the field, on a course worth 1e300 points")
    func commandLineExitsTwo() throws {
        let grader = try #require(BuiltProducts.executable("grader"))
        let checkout = TemporaryCheckout()
        defer { checkout.remove() }
        try checkout.copy("Package.swift")
        try checkout.write("assignments/course.json", try String(contentsOf: Self.courseFile, encoding: .utf8)
            .replacingOccurrences(of: #""points": 2,"#, with: #""points": 1e300,"#))
        let run = try BuiltProducts.run(grader, ["list", "--package-path", checkout.root.path, "--no-color"])
        #expect(run.status == 2)
        #expect(run.error.contains("course.json") && run.error.contains(".points: 1e+300 is not a number from 0 to 1000"))
    }

    @Test("course.json: 1,000 random mutations are each read or refused with the file and a field")
    func fuzzCourseFile() throws {
        var mutator = try JSONMutator(try Data(contentsOf: Self.courseFile), seed: 20261126)
        var refused = 0
        for _ in 0..<1000 {
            let url = try Self.temporaryFile(try mutator.next())
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                let course = try Course.load(from: url, catalog: Judge.catalogByName)
                // What loads must be usable: totals print, folders stay inside assignments/.
                let total = course.enabledExercises.flatMap(\.checks.values).reduce(0) { $0 + $1.points }
                _ = TextReport.format(total)
                #expect(course.exercises.allSatisfy { Course.isPlainFolderName($0.folder) })
                #expect(course.exercises.flatMap(\.checks.values).allSatisfy {
                    $0.points.isFinite && $0.points >= 0 && ($0.threshold.map { $0.isFinite && $0 >= 0 } ?? true)
                })
            } catch let error as CourseError {
                refused += 1
                #expect(error.file == url.path)
                #expect(Self.namesAField(error.problem), "no field named in: \(error.problem)")
            }
        }
        #expect(refused > 500, "the mutations should mostly break the file; only \(refused) were refused")
    }

    @Test("fixture manifests: 1,000 random mutations are each read or refused with the file")
    func fuzzFixtureManifests() throws {
        let fm = FileManager.default
        let source = Self.checkout.appendingPathComponent("assignments/06-batchnorm/fixtures/train-forward")
        let manifest = try Data(contentsOf: source.appendingPathComponent("manifest.json"))
        var mutator = try JSONMutator(manifest, seed: 7)
        let directory = fm.temporaryDirectory.appendingPathComponent("fixtures-fuzz-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("train-forward")
        defer { try? fm.removeItem(at: directory) }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        try fm.copyItem(at: source, to: folder)
        var refused = 0
        for _ in 0..<1000 {
            try mutator.next().write(to: folder.appendingPathComponent("manifest.json"))
            do {
                _ = try FixtureStore.load(exercise: "batchnorm", from: directory)
            } catch let error as FixtureError {
                refused += 1
                #expect(error.path.hasPrefix(folder.path), "\(error)")
                #expect(!error.problem.isEmpty)
            }
        }
        #expect(refused > 500, "the mutations should mostly break the manifest; only \(refused) were refused")
    }

    /// Whether a problem names where in the file it is: a field path or key, or the
    /// whole document when it is not JSON at all.
    static func namesAField(_ problem: String) -> Bool {
        problem.hasPrefix("exercises") || problem.hasPrefix("title") || problem.hasPrefix("top level") || problem.contains("missing field '")
            || problem.hasPrefix("not valid JSON") || problem.contains("exercises[")
    }

    static func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString).json")
        try data.write(to: url)
        return url
    }
}
