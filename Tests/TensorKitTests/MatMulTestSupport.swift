import TensorKit
import Testing

/// The textbook triple loop, the reference `matmul` is checked against, with the bound
/// on how far two correct implementations may differ.
///
/// Each element is a sum of k products, and the kernel adds them in another order
/// than this loop (blocked over k, with fused multiply-adds). Rounding makes the two
/// differ, but by no more than the classic bound for a sum of k terms: each result is
/// within `k·u·Σ|a_ip·b_pj|` of the exact value (u = 2⁻⁵³, the unit roundoff), so the
/// two are within twice that of each other. The bound is per element and scales with
/// the magnitudes summed, so it is tight for small sums and never loose by orders of
/// magnitude for large ones.
struct NaiveProduct {
    let shape: [Int]
    let values: [Double]
    /// The largest difference allowed per element.
    let tolerance: [Double]

    /// `a · b`, with `a` and `b` first transposed when asked.
    init(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) {
        let a = transposingA ? a.transposed() : a
        let b = transposingB ? b.transposed() : b
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var values = [Double](repeating: 0, count: m * n)
        var magnitudes = [Double](repeating: 0, count: m * n)
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0, magnitude = 0.0
                        for p in 0..<k {
                            let product = a[i * k + p] * b[p * n + j]
                            sum += product
                            magnitude += abs(product)
                        }
                        values[i * n + j] = sum
                        magnitudes[i * n + j] = magnitude
                    }
                }
            }
        }
        let unitRoundoff = Double.ulpOfOne / 2
        shape = [m, n]
        self.values = values
        tolerance = magnitudes.map { 2 * Double(k) * unitRoundoff * $0 }
    }

    /// Records a failure for the shape or for every element outside the tolerance.
    /// - Parameters:
    ///   - actual: the product to check.
    ///   - context: what the failure message names first (the kernel and the shapes,
    ///     where a test checks many products).
    func expectMatches(_ actual: Tensor, context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == shape, "\(context)", sourceLocation: sourceLocation)
        guard actual.shape == shape else { return }
        let outside = values.indices.filter { abs(actual.scalars[$0] - values[$0]) > tolerance[$0] }
        let outsideCount = outside.count
        #expect(outsideCount == 0, "\(context)elements differ beyond the rounding bound, the first at flat index \(outside.first ?? 0)",
                sourceLocation: sourceLocation)
    }
}

/// Random operands of the given shapes, the same on every run.
func randomOperands(_ m: Int, _ k: Int, _ n: Int, seed: UInt64 = 1) -> (Tensor, Tensor) {
    var generator = SeededGenerator(seed: seed)
    let a = Tensor.randomNormal([m, k], using: &generator)
    let b = Tensor.randomNormal([k, n], using: &generator)
    return (a, b)
}

/// One way of handing `matmul` its operands: each a stored matrix or a transposed view
/// of one (``Tensor/transposed()``), and either flag set or not.
struct OperandLayout: CustomStringConvertible {
    let leftView: Bool, rightView: Bool, transposingSelf: Bool, transposingOther: Bool

    /// All sixteen.
    static let all = [false, true].flatMap { leftView in
        [false, true].flatMap { rightView in
            [false, true].flatMap { transposingSelf in
                [false, true].map { transposingOther in
                    OperandLayout(leftView: leftView, rightView: rightView,
                                  transposingSelf: transposingSelf, transposingOther: transposingOther)
                }
            }
        }
    }

    var description: String {
        "left \(leftView ? "view" : "stored")\(transposingSelf ? " transposingSelf" : ""), "
            + "right \(rightView ? "view" : "stored")\(transposingOther ? " transposingOther" : "")"
    }
}

/// Random operands that `matmul` sees as `leftSeen` (m×k) and `rightSeen` (k×n), handed
/// to it in a given layout: the flags' and the views' transpositions undone by hand
/// (`transposeByHand`), so the triple loop gets the operands without either.
struct OperandPair {
    let left: Tensor, right: Tensor
    let leftSeen: Tensor, rightSeen: Tensor
    let layout: OperandLayout

    init(m: Int, k: Int, n: Int, layout: OperandLayout, seed: UInt64 = 4) {
        var generator = SeededGenerator(seed: seed)
        leftSeen = Tensor.randomNormal([m, k], using: &generator)
        rightSeen = Tensor.randomNormal([k, n], using: &generator)
        // Undo the flag's transposition, then store what the view must show.
        let leftGiven = layout.transposingSelf ? transposeByHand(leftSeen) : leftSeen
        let rightGiven = layout.transposingOther ? transposeByHand(rightSeen) : rightSeen
        left = layout.leftView ? transposeByHand(leftGiven).transposed() : leftGiven
        right = layout.rightView ? transposeByHand(rightGiven).transposed() : rightGiven
        self.layout = layout
    }

    /// `matmul` of the operands with the layout's flags.
    func product() -> Tensor {
        left.matmul(right, transposingSelf: layout.transposingSelf, transposingOther: layout.transposingOther)
    }
}
