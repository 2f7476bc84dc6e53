import Foundation
import TensorKit

/// Says precisely how a wrong output differs from the expected one, when no catalogued
/// mistake is recognised: the facts a student can reason from (a constant factor, an
/// error that is the same in every row, a transpose, values equal to an input, where a
/// NaN first appears), never a guess at the cause.
///
/// Each description is tried in turn and the first that holds *exactly* (up to
/// rounding) is given; a difference with no simple structure gets none, rather than a
/// vague one.
public enum DifferenceDescription {
    /// - Parameters:
    ///   - name: the output, e.g. `"dx"`.
    ///   - got: what the student's code returned.
    ///   - expected: the reference value, of the same shape.
    ///   - related: other tensors of the same call (the inputs, other outputs), by name:
    ///     an output equal to one of them is said to be.
    ///   - numbers: the call's number arguments, by name: a factor equal to a simple
    ///     multiple of one is named with it (`1/2 · reg`).
    /// - Returns: one sentence, or `nil` when the difference has no simple structure.
    public static func describe(_ name: String, got: Tensor, expected: Tensor,
                                related: [String: Tensor] = [:], numbers: [String: Double] = [:]) -> String? {
        guard got.shape == expected.shape, got.count > 0 else { return nil }
        let a = got.scalars, b = expected.scalars
        if let text = nonFinite(name, a, b, shape: got.shape) { return text }
        let scale = b.reduce(0) { max($0, abs($1)) }
        if a.allSatisfy({ $0 == 0 }) && scale > 0 { return "\(name) is all zeros." }
        if let text = factor(name, a, b, scale: scale, shape: got.shape, numbers: numbers) { return text }
        let others = related.sorted(by: { $0.key < $1.key }).filter { $0.key != name }
        guard got.count > 1 else {   // two numbers always have a ratio: only a term the judge computes
            return sumOfSquaresTerm(name, a[0], b[0], related: others, numbers: numbers)
        }
        if let text = transpose(name, got, expected, scale: scale) { return text }
        if let text = reversal(name, got, expected, scale: scale) { return text }
        for (other, tensor) in others where tensor.shape == got.shape {
            if close(a, tensor.scalars, scale: max(scale, 1e-300)) { return "\(name) equals \(other)." }
        }
        if let text = indicator(name, a, b, shape: got.shape, related: others) { return text }
        if got.rank == 1, let text = plainReshapeSum(name, a, scale: max(scale, 1e-300), related: others) { return text }
        if let text = product(name, a, scale: max(scale, 1e-300), shape: got.shape, related: others) { return text }
        if let text = normalizedOtherwise(name, got: got, expected: expected, related: related, numbers: numbers) { return text }
        if let text = factorPerPosition(name, got, expected, scale: scale, related: others) { return text }
        for (other, tensor) in others where tensor.shape == got.shape {
            if close(a, zip(b, tensor.scalars).map(*), scale: max(scale, 1e-300)) {
                return "\(name) is the expected value times \(other), elementwise."
            }
        }
        if let text = errorProportional(name, got, expected, scale: scale, related: others, numbers: numbers) { return text }
        if let text = errorOnOneSide(name, a, b, scale: max(scale, 1e-300), shape: got.shape, related: others) { return text }
        if let text = constantAlongAxis(name, got, expected, scale: scale) { return text }
        if let text = linearErrorPerGroup(name, got, expected, scale: scale, related: others) { return text }
        return fewValues(name, a, b, scale: scale, shape: got.shape, related: related)
            ?? masked(name, a, b, scale: scale, shape: got.shape)
    }

    // MARK: - The descriptions

    /// NaN or infinity where the expected value is finite: where it first appears.
    static func nonFinite(_ name: String, _ a: [Double], _ b: [Double], shape: [Int]) -> String? {
        let bad = a.indices.filter { !a[$0].isFinite && b[$0].isFinite }
        guard let first = bad.first else { return nil }
        let kind = a[first].isNaN ? "NaN" : "infinite"
        return "\(name) holds \(bad.count) \(kind) value\(bad.count == 1 ? "" : "s") (of \(a.count)) where the expected values are finite; the first at \(index(first, shape))."
    }

    /// `got = c · expected` for one constant `c`, named when it is a simple number or
    /// one of the tensor's dimensions (for a single number, only then: any two numbers
    /// have some ratio).
    static func factor(_ name: String, _ a: [Double], _ b: [Double], scale: Double, shape: [Int],
                       numbers: [String: Double] = [:]) -> String? {
        guard scale > 0 else { return nil }
        let significant = b.indices.filter { abs(b[$0]) > 1e-3 * scale }
        guard significant.count >= 2 || b.count == 1 else { return nil }
        let c = a[significant[0]] / b[significant[0]]
        guard c.isFinite, c != 1, abs(c) > 1e-12 else { return nil }
        guard close(a, b.map { $0 * c }, scale: scale * max(1, abs(c))) else { return nil }
        guard let constant = constantName(c, shape: shape, numbers: numbers) ?? (b.count > 1 ? String(format: "%.6g", c) : nil) else {
            return nil
        }
        return b.count == 1 ? "\(name) is exactly \(constant) times the expected value."
            : "\(name) is exactly \(constant) times the expected value, everywhere."
    }

    /// `got = expected · f` with one factor per position along an axis (per column, say),
    /// said with the related 1-d tensor the factors equal (or the reciprocal of), if any.
    static func factorPerPosition(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double,
                                  related: [(key: String, value: Tensor)]) -> String? {
        guard got.rank >= 2, scale > 0 else { return nil }
        for axis in 0..<got.rank where got.shape[axis] > 1 {
            // The ratio at each position along `axis`, from its first significant entry.
            let strides = got.shape.indices.map { got.shape[($0 + 1)...].reduce(1, *) }
            var factors = [Double?](repeating: nil, count: got.shape[axis])
            var consistent = true
            for i in 0..<got.count where abs(expected.scalars[i]) > 1e-3 * scale {
                let position = (i / strides[axis]) % got.shape[axis]
                let ratio = got.scalars[i] / expected.scalars[i]
                if let f = factors[position] {
                    if abs(ratio - f) > 1e-7 * max(1, abs(f)) { consistent = false; break }
                } else { factors[position] = ratio }
            }
            let known = factors.compactMap { $0 }
            guard consistent, known.count == factors.count, Set(known.map { ($0 * 1e6).rounded() }).count > 1 else { continue }
            let per = got.rank == 2 && axis == 1 ? "column (axis 1)" : got.rank == 2 ? "row (axis 0)" : "position along axis \(axis)"
            var text = "\(name) is the expected value times a different factor for each \(per)"
            for (other, tensor) in related where tensor.count == known.count {
                if close(known, tensor.scalars, scale: 1e-3 * max(1, known.map(abs).max()!)) { text += ": the factors are \(other)"; break }
                if close(known, tensor.scalars.map { 1 / $0 }, scale: 1e-3 * max(1, known.map(abs).max()!)) { text += ": the factors are 1/\(other)"; break }
            }
            return text + "."
        }
        return nil
    }

    /// For a 2-d output: within each column (or each row), the error is `a · t + b` for a
    /// related tensor `t` — as a term through that column's (row's) mean or variance
    /// would be.
    static func linearErrorPerGroup(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double,
                                    related: [(key: String, value: Tensor)]) -> String? {
        guard got.rank == 2, got.shape[0] > 2, got.shape[1] > 2 else { return nil }
        let error = (got - expected).scalars
        let size = error.reduce(0) { max($0, abs($1)) }
        guard size > 1e-9 * max(scale, 1e-300) else { return nil }
        let (rows, columns) = (got.shape[0], got.shape[1])
        for (other, tensor) in related where tensor.shape == got.shape {
            let t = tensor.scalars
            for groupAxis in [1, 0] {
                let groups = groupAxis == 1 ? columns : rows, members = groupAxis == 1 ? rows : columns
                func at(_ g: Int, _ m: Int) -> Int { groupAxis == 1 ? m * columns + g : g * columns + m }
                let fits = (0..<groups).allSatisfy { g in
                    let ts = (0..<members).map { t[at(g, $0)] }, es = (0..<members).map { error[at(g, $0)] }
                    let tMean = ts.reduce(0, +) / Double(members), eMean = es.reduce(0, +) / Double(members)
                    let variance = ts.reduce(0) { $0 + ($1 - tMean) * ($1 - tMean) }
                    guard variance > 0 else { return false }
                    let slope = zip(ts, es).reduce(0) { $0 + ($1.0 - tMean) * ($1.1 - eMean) } / variance
                    return zip(ts, es).allSatisfy { abs(eMean + slope * ($0 - tMean) - $1) <= 1e-7 * size }
                }
                if fits {
                    let group = groupAxis == 1 ? "column" : "row"
                    return "in each \(group), the error in \(name) is a linear function of \(other) (a·\(other) + b, with a and b per \(group)), as a term through the \(group)'s mean or variance would be."
                }
            }
        }
        return nil
    }

    /// A 2-d output that is the expected one transposed (square shapes only can pass
    /// the shape check).
    static func transpose(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double) -> String? {
        guard got.rank == 2, got.shape[0] == got.shape[1], got.shape[0] > 1 else { return nil }
        let t = expected.transposed()
        guard !close(expected.scalars, t.scalars, scale: scale) else { return nil }   // symmetric
        return close(got.scalars, t.scalars, scale: scale) ? "\(name) is the transpose of the expected value." : nil
    }

    /// The expected value reversed along some axes: a filter flipped (convolution for
    /// cross-correlation), rows or a window read from the wrong end. Fewest axes first.
    static func reversal(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double) -> String? {
        let axes = (0..<got.rank).filter { got.shape[$0] > 1 }
        guard !axes.isEmpty, axes.count <= 4 else { return nil }
        let subsets = (1..<(1 << axes.count)).map { mask in axes.indices.filter { mask & (1 << $0) != 0 }.map { axes[$0] } }
        for flipped in subsets.sorted(by: { $0.count < $1.count }) {
            let reversed = reversedScalars(expected, along: flipped)
            guard !close(expected.scalars, reversed, scale: scale) else { continue }   // symmetric that way
            if close(got.scalars, reversed, scale: scale) {
                let which = flipped.count == 1 ? "axis \(flipped[0])" : "axes " + flipped.map(String.init).dropLast().joined(separator: ", ")
                    + " and \(flipped.last!)"
                return "\(name) is the expected value reversed along \(which)."
            }
        }
        return nil
    }

    /// The elements of `tensor` with the order along each of `axes` reversed.
    static func reversedScalars(_ tensor: Tensor, along axes: [Int]) -> [Double] {
        gathered(tensor, shape: tensor.shape) { axis, i in axes.contains(axis) ? tensor.shape[axis] - 1 - i : i }
    }

    /// A tensor of `shape` (row-major elements) whose element at index `(i₀, i₁, …)` is
    /// `tensor`'s at `(source(0, i₀), source(1, i₁), …)`: a block, a reversal.
    static func gathered(_ tensor: Tensor, shape: [Int], source: (_ axis: Int, _ index: Int) -> Int) -> [Double] {
        var strides = [Int](repeating: 1, count: tensor.rank)
        for axis in Swift.stride(from: tensor.rank - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * tensor.shape[axis + 1]
        }
        return (0..<shape.reduce(1, *)).map { flat in
            var rest = flat, offset = 0
            for axis in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
                offset += source(axis, rest % shape[axis]) * strides[axis]
                rest /= shape[axis]
            }
            return tensor.scalars[offset]
        }
    }

    /// `got − expected` the same along one axis: a term missing (or extra) that does not
    /// depend on the position along that axis, as a term through a mean over it.
    static func constantAlongAxis(_ name: String, _ got: Tensor, _ expected: Tensor, scale: Double) -> String? {
        guard got.rank >= 2 else { return nil }
        let difference = got - expected
        let size = difference.scalars.reduce(0) { max($0, abs($1)) }
        guard size > 1e-9 * max(scale, 1e-300) else { return nil }
        for axis in 0..<got.rank where got.shape[axis] > 1 {
            let spread = difference - difference.mean(axis: axis, keepDims: true)
            if spread.scalars.allSatisfy({ abs($0) <= 1e-9 * size }) {
                let along = axis == 0 ? "every row (axis 0)" : "every position along axis \(axis)"
                return "\(name) differs from the expected value by the same amount in \(along): a term that does not depend on the position along axis \(axis) is missing or extra."
            }
        }
        return nil
    }

    /// Only a few values differ; said with where, and whether that is where an input is
    /// exactly zero.
    static func fewValues(_ name: String, _ a: [Double], _ b: [Double], scale: Double, shape: [Int],
                          related: [String: Tensor]) -> String? {
        let wrong = a.indices.filter { !close([a[$0]], [b[$0]], scale: max(scale, 1e-300)) }
        guard !wrong.isEmpty, wrong.count < a.count else { return nil }
        let text = "\(wrong.count == 1 ? "only 1" : wrong.count * 4 <= a.count ? "only \(wrong.count)" : "\(wrong.count)") of \(a.count) values of \(name) differ, the first at \(index(wrong[0], shape))"
        for (other, tensor) in related.sorted(by: { $0.key < $1.key }) where tensor.shape == shape {
            let zeros = Set(tensor.scalars.indices.filter { tensor.scalars[$0] == 0 })
            if !zeros.isEmpty && Set(wrong) == zeros { return text + ": exactly where \(other) is 0." }
        }
        return wrong.count * 4 <= a.count ? text + "." : nil
    }

    // MARK: - Helpers

    /// Whether two lists agree to rounding, relative to `scale`.
    static func close(_ a: [Double], _ b: [Double], scale: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * scale }
    }

    /// `2`, `-1`, `1/2`, `the size 50 of axis 0`, `(n − 1)/n for the size 50 of axis 0`,
    /// a simple multiple of a number argument (`1/2 · reg`, `learningRate`), or `nil`
    /// for a number with no such name.
    static func constantName(_ c: Double, shape: [Int], numbers: [String: Double] = [:]) -> String? {
        func near(_ x: Double) -> Bool { abs(c - x) <= 1e-9 * max(1, abs(x)) }
        let arguments = numbers.sorted(by: { $0.key < $1.key }).filter { $0.value.isFinite && $0.value != 0 && abs($0.value) != 1 }
        // An argument itself first: `reg` says more than the `7/10` it happens to be.
        for (key, n) in arguments where abs(c / n - 1) <= 1e-9 || abs(c / n + 1) <= 1e-9 { return c / n > 0 ? key : "−\(key)" }
        if let simple = simpleFraction(c) { return simple }
        var names: [(Double, String)] = []
        for (axis, n) in shape.enumerated() where n > 1 {
            let d = Double(n), label = "the size \(n) of axis \(axis)"
            names += [(d, label), (1 / d, "1 / (\(label))"), ((d - 1) / d, "(n − 1)/n for \(label)"),
                      (d / (d - 1), "n/(n − 1) for \(label)")]
        }
        if let name = names.first(where: { near($0.0) })?.1 { return name }
        for (key, n) in arguments {
            if let multiple = simpleFraction(c / n) { return "\(multiple) · \(key)" }
        }
        return nil
    }

    /// `p` or `p/q` for a fraction with a small numerator and denominator, else `nil`.
    static func simpleFraction(_ c: Double) -> String? {
        for q in 1...10 {
            for p in -20...20 where p != 0 && gcd(abs(p), q) == 1 {
                let x = Double(p) / Double(q)
                if abs(c - x) <= 1e-9 * max(1, abs(x)) { return q == 1 ? "\(p)" : "\(p)/\(q)" }
            }
        }
        return nil
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func index(_ flat: Int, _ shape: [Int]) -> String {
        var rest = flat, parts: [Int] = []
        for n in shape.reversed() { parts.append(rest % n); rest /= n }
        return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}
