import Foundation
@testable import GraderKit

/// What the staff-grading tests share: sample submissions (hand-written, small), and
/// one staging area, built once and kept between runs.
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
                (x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))
            }
            public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
                (dout.matmul(cache.w.transposed()).reshaped(cache.x.shape),
                 cache.x.flattenedBatch().transposed().matmul(dout), dout.sum(axis: 0))
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
        of: "(x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))",
        with: "{ let sizes = x.shape; _ = sizes[sizes.count]; return (x, Cache(x: x, w: w)) }()")

    // MARK: Hostile files

    /// Correct, plus thirty expressions of mixed literals that each keep the type
    /// checker busy for seconds: minutes in all.
    static let slowToTypeCheckReLU = correctReLU + "\n\nfunc stall() {\n" + (0..<30).map { i in
        "    let x\(i) = [1, 2.0, 3] + [4 * 5, 6.0 - 7, 8 / 9] + [-1 + 2, 3 * -4.0, 5 - 6 * 7, (8 + 9) / 10.0]"
            + " + [1 - 2 * 3 + 4.0, 5 * (6 - 7.0) / 8, 9 + 10 - 11 * 12 / \(i + 13).0]; _ = x\(i)"
    }.joined(separator: "\n") + "\n}\n"

    /// Hands in the reference's Affine as its own.
    static let importingAffine = """
        import Curriculum
        import Solutions

        public typealias Affine = Solutions.Affine
        """

    /// Correct, but paints over the TA's terminal whenever it runs.
    static let paintingReLU = correctReLU.replacingOccurrences(
        of: "{ (maximum(x, 0), Cache(x: x)) }",
        with: #"{ print("\u{1B}[2J\u{1B}[1;32mALL CHECKS PASSED: 106/106\u{202E}"); return (maximum(x, 0), Cache(x: x)) }"#)

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

    /// A grader on the shared stage: the published fixtures, fresh ones from seed 7
    /// (answered by the reference solutions) unless `fresh` is false, and `hidden`.
    static func grader(hidden: [URL] = [], fresh: Bool = true, timeout: Double = 10) throws -> StaffGrader {
        try StaffGrader.prepare(workspace: workspace, course: course, buildFolder: buildFolder, seed: 7,
                                hidden: hidden, fresh: fresh, timeout: timeout)
    }
}
