import TensorKit

// Differences that are a term the judge can compute from the call's own arguments: an
// input times a simple constant or a number argument (reg · W, 2 · learningRate · dw),
// the weights' sum of squares (a regularization term), an input's product with
// another, its 0/1 mask, or the expected value with some entries zeroed.

extension DifferenceDescription {
    /// `got − expected = c · t` for a related tensor `t` of the same shape (or one with
    /// a leading axis more, summed over it: several steps' gradients) and a constant `c`
    /// that is simple, or simple times a number argument.
    static func errorProportional(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double,
                                  related: [(key: String, value: Tensor)], numbers: [String: Double]) -> String? {
        let error = zip(got.scalars, expected.scalars).map { $0 - $1 }
        guard error.contains(where: { $0 != 0 }), got.count > 1 else { return nil }
        let terms = related.flatMap { other, tensor -> [(key: String, value: Tensor)] in
            if tensor.shape == got.shape { return [(other, tensor)] }
            if tensor.rank == got.rank + 1, Array(tensor.shape.dropFirst()) == got.shape {
                return [("\(other) summed over axis 0", tensor.sum(axis: 0))]
            }
            return []
        }
        for (other, tensor) in terms {
            let t = tensor.scalars, size = t.reduce(0) { max($0, abs($1)) }
            guard size > 0, let pivot = t.indices.max(by: { abs(t[$0]) < abs(t[$1]) }) else { continue }
            let c = error[pivot] / t[pivot]
            guard c != 0, close(error, t.map { $0 * c }, scale: max(scale, abs(c) * size)) else { continue }
            if let constant = constantName(c, shape: [], numbers: numbers) {
                return "\(name) is off by exactly \(constant) × \(other) (yours minus the expected value)."
            }
        }
        return nil
    }

    /// For a single number: `got − expected = c · Σ W²` over the weight matrices among
    /// the inputs (`param.W1`, `param.W2`, …), with `c` simple or simple times a number
    /// argument — a regularization term counted differently.
    static func sumOfSquaresTerm(_ name: String, _ got: Double, _ expected: Double,
                                 related: [(key: String, value: Tensor)], numbers: [String: Double]) -> String? {
        let weights = related.filter { $0.key.hasPrefix("param.W") }
        guard !weights.isEmpty, got != expected else { return nil }
        let squares = weights.reduce(0.0) { total, weight in total + weight.value.scalars.reduce(0.0) { $0 + $1 * $1 } }
        guard squares > 0 else { return nil }
        let c = (got - expected) / squares
        guard let constant = constantName(c, shape: [], numbers: numbers) else { return nil }
        return "\(name) is off by exactly \(constant) · ΣW² (the sum of the squares of \(list(weights.map(\.key))))."
    }

    /// `got = t₁ ⊙ t₂` for two related tensors of its shape.
    static func product(_ name: String, _ a: [Double], scale: Double, shape: [Int],
                        related: [(key: String, value: Tensor)]) -> String? {
        let same = related.filter { $0.value.shape == shape }
        for (i, first) in same.enumerated() {
            for second in same[i...] where close(a, zip(first.value.scalars, second.value.scalars).map(*), scale: scale) {
                return "\(name) equals \(first.key) ⊙ \(second.key), elementwise."
            }
        }
        return nil
    }

    /// `got` holds only 0s and 1s where the expected value does not: a mask, said to be
    /// that of a related tensor (or of a product of two) being positive when it is.
    static func indicator(_ name: String, _ a: [Double], _ b: [Double], shape: [Int],
                          related: [(key: String, value: Tensor)]) -> String? {
        guard a.allSatisfy({ $0 == 0 || $0 == 1 }), a.contains(1), a.contains(0),
              !b.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        for (other, tensor) in related where tensor.shape == shape && zip(a, tensor.scalars).allSatisfy({ ($1 > 0 ? 1 : 0) == $0 }) {
            return "\(name) is the 0/1 mask of \(other) > 0: 1 where \(other) is positive, 0 elsewhere."
        }
        // The mask of a product: an operator's precedence (`dout * x .> 0`) does this.
        let sameShape = related.filter { $0.value.shape == shape }
        for (i, first) in sameShape.enumerated() {
            for second in sameShape[(i + 1)...]
            where zip(a, zip(first.value.scalars, second.value.scalars)).allSatisfy({ ($1.0 * $1.1 > 0 ? 1 : 0) == $0 }) {
                return "\(name) is the 0/1 mask of \(first.key) · \(second.key) > 0: a comparison applied to a product, where a gradient belongs."
            }
        }
        return "\(name) holds only the values 0 and 1: a mask where a gradient (or a value) belongs."
    }

    /// Zero at some of the positions where the expected value is not, and one constant
    /// times the expected value everywhere else: a mask applied (and maybe a scale).
    static func masked(_ name: String, _ a: [Double], _ b: [Double], scale: Double, shape: [Int]) -> String? {
        let zeroed = a.indices.filter { a[$0] == 0 && abs(b[$0]) > 1e-9 * scale }
        let kept = a.indices.filter { abs(b[$0]) > 1e-3 * scale && a[$0] != 0 }
        guard !zeroed.isEmpty, kept.count >= 2 else { return nil }
        let c = a[kept[0]] / b[kept[0]]
        let rest = a.indices.filter { !zeroed.contains($0) }
        guard close(rest.map { a[$0] }, rest.map { b[$0] * c }, scale: scale * max(1, abs(c))) else { return nil }
        let factor = c == 1 ? "equal to the expected value" : constantName(c, shape: shape).map { "exactly \($0) times the expected value" }
        guard let factor else { return nil }
        return "\(name) is 0 at \(zeroed.count) of \(a.count) positions where the expected value is not (the first at \(index(zeroed[0], shape))), and \(factor) everywhere else."
    }

    /// A vector that is a higher-rank input reshaped straight to `(−1, k)` and summed
    /// down the columns: a plain reshape keeps the input's memory order, so unless an
    /// axis of size `k` is last (but for axes of size 1), its columns are no axis.
    static func plainReshapeSum(_ name: String, _ a: [Double], scale: Double,
                                related: [(key: String, value: Tensor)]) -> String? {
        let k = a.count
        func columnsAreAnAxis(_ shape: [Int]) -> Bool {
            shape.indices.contains { shape[$0] == k && shape[($0 + 1)...].allSatisfy { $0 == 1 } }
        }
        for (other, tensor) in related where tensor.rank >= 3 && tensor.count % k == 0 && !columnsAreAnAxis(tensor.shape) {
            guard close(a, tensor.reshaped([tensor.count / k, k]).sum(axis: 0).scalars, scale: scale) else { continue }
            return "\(name) equals \(other) reshaped straight to \(formatShape([tensor.count / k, k])) and summed over axis 0; "
                + "a plain reshape keeps \(other)'s order, so those columns are not any axis of \(other) \(formatShape(tensor.shape))."
        }
        return nil
    }

    /// The error is `c · t` where a related tensor `t` is negative (or positive) and zero
    /// elsewhere: a leak or a term on one side of a kink, as a leaky ReLU's.
    static func errorOnOneSide(_ name: String, _ a: [Double], _ b: [Double], scale: Double, shape: [Int],
                               related: [(key: String, value: Tensor)]) -> String? {
        let error = zip(a, b).map { $0 - $1 }
        for (other, tensor) in related where tensor.shape == shape {
            let t = tensor.scalars
            for (side, inside) in [("< 0", { (v: Double) in v < 0 }), ("> 0", { (v: Double) in v > 0 })] {
                let region = t.indices.filter { inside(t[$0]) && abs(t[$0]) > 1e-9 * scale }
                guard region.count >= 2, region.count < t.count,
                      t.indices.allSatisfy({ inside(t[$0]) || abs(error[$0]) <= 1e-9 * scale }) else { continue }
                let c = error[region[0]] / t[region[0]]
                guard c.isFinite, c != 0, region.allSatisfy({ abs(error[$0] - c * t[$0]) <= 1e-9 * max(scale, abs(c * t[$0])) })
                else { continue }
                return "\(name) differs only where \(other) \(side), and there by exactly \(String(format: "%.6g", c)) × \(other)."
            }
        }
        return nil
    }
}

