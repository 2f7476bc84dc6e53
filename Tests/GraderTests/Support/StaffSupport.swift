import Foundation
@testable import GraderKit
@testable import StaffKit

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

    // MARK: Crashing files (issue 14): each crash is reported at the student's line

    /// Forward multiplies the 4-d input without flattening it: TensorKit's matmul
    /// stops at its precondition, called from line 8.
    static let shapeCrashingAffine = correctAffine.replacingOccurrences(
        of: "(x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))", with: "(x.matmul(w) + b, Cache(x: x, w: w))")

    /// Backward reads past the end of the shape (line 10): the standard library's
    /// bounds check traps.
    static let indexCrashingReLU = """
        import Curriculum
        import TensorKit

        public struct ReLU: ReLULayer {
            public struct Cache { var x: Tensor }
            public init() {}
            public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { (maximum(x, 0), Cache(x: x)) }
            public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
                let sizes = cache.x.shape
                return dout * (cache.x .> 0) * Double(sizes[sizes.count])
            }
        }
        """

    /// The loss hands the given `softmaxLoss` its scores transposed (line 26), from a
    /// function of the student's that `loss` calls (line 30): the course's helper stops.
    static let helperCrashingTwoLayerNet = """
        import Curriculum
        import TensorKit

        public struct TwoLayerNet: TwoLayerClassifier {
            public var params: [String: Tensor]
            public var reg: Double
            private let hidden = AffineReLU(affine: Affine(), relu: ReLU())

            public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                        weightScale: Double, reg: Double, seed: UInt64) {
                var generator = SeededGenerator(seed: seed)
                let initialization = WeightInitialization.scale(weightScale)
                self.reg = reg
                self.params = ["W1": initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &generator),
                               "b1": .zeros([hiddenDimension]),
                               "W2": initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &generator),
                               "b2": .zeros([classes])]
            }

            public func scores(_ x: Tensor) -> Tensor {
                let (h, _) = hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
                return h.matmul(parameter(named: "W2")) + parameter(named: "b2")
            }

            func dataLoss(_ x: Tensor, labels: [Int]) -> Double {
                softmaxLoss(scores(x).transposed(), labels: labels).loss
            }

            public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
                (dataLoss(x, labels: labels), [:])
            }
        }
        """

    // MARK: Hostile files

    /// Correct, plus three hundred expressions of mixed literals that each keep the
    /// type checker busy for seconds before it gives up on them: many minutes in all.
    /// (Thirty were not enough on a fast CPU: the compiler gave up on all thirty, about
    /// 2 s each, within the time limits, and reported them as errors of its own.)
    static let slowToTypeCheckReLU = correctReLU + "\n\nfunc stall() {\n" + (0..<300).map { i in
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

    /// A folder holding `files` (path → text) under a fresh scratch folder.
    static func folder(_ files: [String: String], named name: String = "submission") throws -> URL {
        let root = ScratchFolders.url("submission").appendingPathComponent(name)
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
    /// A hidden set in a new folder: relu's public fixtures, and the file of it that
    /// ``tamper(_:)`` changes.
    static func reluHiddenSet() throws -> (folder: URL, tampered: URL) {
        let midterm = try folder([:], named: "midterm")
        try FileManager.default.copyItem(at: workspace.assignments.appendingPathComponent("02-relu/fixtures"),
                                         to: midterm.appendingPathComponent("relu"))
        return (midterm, midterm.appendingPathComponent("relu/forward/expected-out.npy"))
    }

    /// Cuts the last number off a file, as a worker that rewrote it would leave it.
    static func tamper(_ file: URL) throws {
        try Data(contentsOf: file).dropLast(8).write(to: file)
    }

    static func grader(hidden: [URL] = [], fresh: Bool = true, timeout: Double = 10) throws -> StaffGrader {
        try StaffGrader.prepare(workspace: workspace, course: course, buildFolder: buildFolder, seed: 7,
                                hidden: hidden, fresh: fresh, timeout: timeout)
    }
}
