import Foundation
@testable import GraderKit

/// What the staff-grading tests share: sample submissions, and one staging area,
/// built once, with a fixture set for `affine` and `relu`.
///
/// The fixture set's expected values come from the correct sample files below
/// (whose backward passes the gradient checks verify against numeric gradients),
/// so these tests need neither the reference solutions nor the published fixtures.
enum StaffSupport {
    static let workspace = Workspace(root: BuiltProducts.checkout,
                                     binDirectory: BuiltProducts.checkout.appendingPathComponent(".build/debug"))
    static let course = try! Course.load(from: workspace.courseFile, catalog: Judge.catalogByName)
    /// Kept between runs (gitignored), so only the first run builds the course.
    static let buildFolder = BuiltProducts.checkout.appendingPathComponent(".build-grading-tests")

    // MARK: Sample files

    static let correctReLU = """
        import Curriculum
        import TensorKit

        public struct ReLU: ReLULayer {
            public struct Cache { var x: Tensor }
            public init() {}
            public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { (maximum(x, 0), Cache(x: x)) }
            public func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (cache.x .> 0) }
        }
        """

    static let correctAffine = """
        import Curriculum
        import TensorKit

        public struct Affine: AffineLayer {
            public struct Cache { var x: Tensor; var w: Tensor }
            public init() {}
            public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
                (matmul(x.flattenedBatch(), w) + b, Cache(x: x, w: w))
            }
            public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
                (matmul(dout, cache.w.transposed()).reshaped(cache.x.shape),
                 matmul(cache.x.flattenedBatch().transposed(), dout), dout.sum(axes: [0]))
            }
        }
        """

    /// Does not compile: a string added to a number, and no `init()`.
    static let brokenAffine = """
        import Curriculum
        import TensorKit

        public struct Affine: AffineLayer {
            public func forward(_ x: Tensor) -> Int { 1 + "one" }
        }
        """

    /// Forward is right; backward never returns.
    static let hangingReLU = correctReLU.replacingOccurrences(
        of: "{ dout * (cache.x .> 0) }", with: "{ while true {} }")

    /// Forward reads past the end of an array.
    static let trappingAffine = correctAffine.replacingOccurrences(
        of: "(matmul(x.flattenedBatch(), w) + b, Cache(x: x, w: w))",
        with: "{ let sizes = x.shape; _ = sizes[sizes.count]; return (x, Cache(x: x, w: w)) }()")

    /// A folder holding `files` (path → text) under a fresh temporary folder.
    static func folder(_ files: [String: String], named name: String = "submission") throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backproplab-tests-\(UUID().uuidString)").appendingPathComponent(name)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// A committed test archive: `Tests/Data/Submissions/<name>`.
    static func archive(_ name: String) -> URL {
        BuiltProducts.checkout.appendingPathComponent("Tests/Data/Submissions").appendingPathComponent(name)
    }

    // MARK: The shared staging area

    /// A grader on the shared stage, grading against ``fixtures`` (no fresh set).
    static func grader(hidden: [URL] = [], timeout: Double = 10) throws -> StaffGrader {
        _ = try fixtures.get()
        return try StaffGrader.prepare(workspace: workspace, course: course, buildFolder: buildFolder, seed: 7,
                                       primary: .directory(try fixtures.get(), kind: "test"), hidden: hidden,
                                       fresh: false, timeout: timeout)
    }

    /// The correct sample files' worker, kept outside the stage.
    static let referenceWorker = Result { () throws -> URL in
        let grader = try StaffGrader.prepare(workspace: workspace, course: course, buildFolder: buildFolder,
                                             seed: 7, fresh: false)
        let copy = buildFolder.appendingPathComponent("reference-grader-worker")
        let built = grader.build(try folder(["ReLU.swift": correctReLU, "Affine.swift": correctAffine]),
                                 keepingWorkerAt: copy)
        guard built.build?.worker != nil, built.build?.compileFailures.isEmpty == true else {
            throw SubmissionError("the correct sample files do not build: \(built.refused ?? "\(built.build?.compileFailures ?? [])")")
        }
        return copy
    }

    /// A fixture set for `affine` and `relu` (`DIR/<exercise>/<case>/`), drawn with
    /// seed 0 and answered by ``referenceWorker``.
    static let fixtures = Result { () throws -> URL in
        let reference = try referenceWorker.get()
        let cases = try FixtureGenerator(reference: WorkerConfiguration(executable: reference), seed: 0)
            .cases(of: [.affine, .relu])
        let folder = buildFolder.appendingPathComponent("test-fixtures")
        try? FileManager.default.removeItem(at: folder)
        for (exercise, byName) in cases {
            for fixture in byName.values {
                try FixtureStore.write(fixture, exercise: exercise, to: folder.appendingPathComponent(exercise))
            }
        }
        return folder
    }
}
