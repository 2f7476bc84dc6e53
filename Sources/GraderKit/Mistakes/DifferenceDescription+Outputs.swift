import TensorKit

// Describing a failed comparison of several outputs at once: which of them are right,
// an output that holds another's value or its own input unchanged, and an output of
// the wrong shape that the right values could be made of.

extension DifferenceDescription {
    /// Describes how the outputs of one call differ from the expected ones: which are
    /// right and which differ (when some are right), then how the reported one differs.
    /// - Parameters:
    ///   - name: the output the failure reports (one of `differing`).
    ///   - got: the student's outputs, by name.
    ///   - expected: the expected outputs, by name.
    ///   - differing: the expected outputs that are wrong (missing, of another shape,
    ///     or beyond the check's threshold); the others are right.
    ///   - inputs: the call's input tensors, by name.
    ///   - numbers: the call's number arguments (`reg`, `eps`, `learningRate`, …).
    /// - Returns: one or two sentences, or `nil` when nothing precise can be said.
    public static func describe(_ name: String, outputs got: [String: Tensor], expected: [String: Tensor],
                                differing: Set<String>, inputs: [String: Tensor],
                                numbers: [String: Double] = [:]) -> String? {
        guard let have = got[name], let want = expected[name] else { return nil }
        var parts: [String] = []
        if let summary = whichOutputs(expected: Array(expected.keys), differing: differing) { parts.append(summary) }
        let related = inputs.merging(got.filter { $0.key != name }) { input, _ in input }
        let own: String?
        if have.shape != want.shape {
            own = shape(name, got: have, expected: want, related: related)
        } else {
            own = heldByAnother(name, got: have, expected: expected)
                ?? unchanged(name, got: have, expected: want, input: inputs[name])
                ?? describe(name, got: have, expected: want, related: related, numbers: numbers)
        }
        if let own { parts.append(own) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// "dx differs; dgamma and dbeta are right." — said only when some are right; of
    /// many outputs, the fewer are listed and the others counted.
    static func whichOutputs(expected: [String], differing: Set<String>) -> String? {
        let wrong = expected.filter(differing.contains).sorted(), right = expected.filter { !differing.contains($0) }.sorted()
        guard !wrong.isEmpty, !right.isEmpty else { return nil }
        let verb = wrong.count == 1 ? "differs" : "differ"
        if wrong.count + right.count <= 6 {
            return "\(list(wrong)) \(verb); \(list(right)) \(right.count == 1 ? "is" : "are") right."
        }
        if wrong.count <= right.count {
            return "\(list(wrong)) \(verb); the other \(right.count) outputs are right."
        }
        return "\(list(right)) \(right.count == 1 ? "is" : "are") right; the other \(wrong.count) outputs differ."
    }

    /// An output that holds the value another output should have (two swapped).
    static func heldByAnother(_ name: String, got: Tensor, expected: [String: Tensor]) -> String? {
        for (other, value) in expected.sorted(by: { $0.key < $1.key }) where other != name && value.shape == got.shape {
            let scale = value.scalars.reduce(0) { max($0, abs($1)) }
            if scale > 0, close(got.scalars, value.scalars, scale: scale) {
                return "\(name) holds the value \(other) should have."
            }
        }
        return nil
    }

    /// An output that is also an input (a state passed in and returned): returned
    /// unchanged when it should change, or changed when it should not.
    static func unchanged(_ name: String, got: Tensor, expected: Tensor, input: Tensor?) -> String? {
        guard let input, input.shape == got.shape else { return nil }
        let scale = max(expected.scalars.reduce(0) { max($0, abs($1)) }, input.scalars.reduce(0) { max($0, abs($1)) })
        guard scale > 0 else { return nil }
        let expectedKeeps = close(expected.scalars, input.scalars, scale: scale)
        let gotKeeps = close(got.scalars, input.scalars, scale: scale)
        if gotKeeps && !expectedKeeps { return "\(name) is returned unchanged: it equals the \(name) passed in, which should have been updated." }
        if expectedKeeps && !gotKeeps { return "\(name) should come back unchanged (equal to the \(name) passed in), but yours changed it." }
        return nil
    }

    /// An output of the wrong shape: the right values in another shape, the transpose,
    /// right where it overlaps the expected value (positions extra or missing), the
    /// expected value not yet summed over an axis, or an input summed over the wrong
    /// axis.
    static func shape(_ name: String, got: Tensor, expected: Tensor, related: [String: Tensor]) -> String? {
        let scale = expected.scalars.reduce(0) { max($0, abs($1)) }
        guard got.scalars.allSatisfy(\.isFinite) else { return nil }
        let shapes = "shape \(formatShape(got.shape)) instead of \(formatShape(expected.shape))"
        if got.count == expected.count, close(got.scalars, expected.scalars, scale: max(scale, 1e-300)) {
            return "\(name) holds the right values in \(shapes): only its shape is wrong."
        }
        guard scale > 0 else { return nil }
        if got.count == expected.count {
            if got.rank == 2, expected.rank == 2, close(got.transposed().scalars, expected.scalars, scale: scale) {
                return "\(name) is the transpose of the expected value (\(shapes))."
            }
            return nil
        }
        if let text = cropped(name, got: got, expected: expected, scale: scale, shapes: shapes) { return text }
        for axis in 0..<got.rank where got.shape[axis] > 1 {
            let summed = got.sum(axis: axis)
            if summed.count == expected.count, close(summed.scalars, expected.scalars, scale: scale) {
                return "\(name) has \(shapes): summed over its axis \(axis), it would be right."
            }
        }
        for (other, tensor) in related.sorted(by: { $0.key < $1.key }) where tensor.rank >= 2 {
            for axis in 0..<tensor.rank where tensor.sum(axis: axis).shape == got.shape
                && close(tensor.sum(axis: axis).scalars, got.scalars, scale: max(scale, 1e-300)) {
                let right = (0..<tensor.rank).first { $0 != axis && tensor.sum(axis: $0).count == expected.count
                    && close(tensor.sum(axis: $0).scalars, expected.scalars, scale: scale) }
                return "\(name) equals \(other) summed over axis \(axis) (\(shapes))"
                    + (right.map { "; the expected value is \(other) summed over axis \($0)." } ?? ".")
            }
        }
        return nil
    }

    /// An output with extra or missing positions along some axes that is right where
    /// it overlaps the expected one: a border the padding left (dx of the padded
    /// input), an output size rounded the wrong way, a last row or column dropped.
    /// Tried with the overlap at the start, at the end and centred on each axis.
    static func cropped(_ name: String, got: Tensor, expected: Tensor, scale: Double, shapes: String) -> String? {
        guard got.rank == expected.rank, got.rank > 0 else { return nil }
        let differences = zip(got.shape, expected.shape).map { $0 - $1 }
        let larger = differences.allSatisfy { $0 >= 0 }, smaller = differences.allSatisfy { $0 <= 0 }
        guard larger != smaller, expected.count > 0, got.count > 0 else { return nil }
        let (big, small) = larger ? (got, expected) : (expected, got)
        // Per axis, where the small tensor may start inside the big one.
        let starts = differences.map { d -> [Int] in
            let excess = Swift.abs(d)
            return excess == 0 ? [0] : excess % 2 == 0 ? [excess / 2, 0, excess] : [0, excess]
        }
        var offsets = starts.map { $0[0] }
        func search(_ axis: Int) -> [Int]? {
            if axis == starts.count {
                return close(block(of: big, at: offsets, shape: small.shape), small.scalars, scale: scale) ? offsets : nil
            }
            for start in starts[axis] {
                offsets[axis] = start
                if let found = search(axis + 1) { return found }
            }
            return nil
        }
        guard let found = search(0) else { return nil }
        // "the first 1 and the last 1 along axes 2 and 3", grouped by what is cut.
        var cuts: [String: [Int]] = [:]
        for axis in 0..<got.rank where differences[axis] != 0 {
            let before = found[axis], after = Swift.abs(differences[axis]) - found[axis]
            let what = [before > 0 ? "the first \(before)" : nil, after > 0 ? "the last \(after)" : nil].compactMap { $0 }
            cuts[what.joined(separator: " and "), default: []].append(axis)
        }
        let positions = cuts.sorted { $0.value[0] < $1.value[0] }.map { cut, axes in
            "\(cut) along \(axes.count > 1 ? "axes" : "axis") \(list(axes.map(String.init)))"
        }.joined(separator: "; ")
        return larger
            ? "\(name) has \(shapes), and without \(positions) it would be right: those positions are extra."
            : "\(name) has \(shapes), and is right as far as it goes: the expected value without \(positions). Those positions are missing."
    }

    /// The elements of the block of `tensor` that starts at `offsets` and has `shape`.
    static func block(of tensor: Tensor, at offsets: [Int], shape: [Int]) -> [Double] {
        gathered(tensor, shape: shape) { axis, i in i + offsets[axis] }
    }

    /// An output the call did not return, said with what it did return. Gradients
    /// travel as `grad.<parameter>` (the entries of a loss's `grads`) and running
    /// statistics as the fields of a batch-norm state after the call, so their absence
    /// is said in those terms.
    /// - Parameters:
    ///   - name: the missing output, e.g. `"grad.b1"` or `"bn0.runningMean"`.
    ///   - returned: the outputs the call did return.
    public static func missing(_ name: String, returned: [String]) -> String {
        if name.hasPrefix("grad.") {
            let entries = returned.filter { $0.hasPrefix("grad.") }.map { String($0.dropFirst("grad.".count)) }.sorted()
            return "grads has no entry for \(name.dropFirst("grad.".count))"
                + (entries.isEmpty ? " and no other entry either." : "; it has entries for \(list(entries)).")
        }
        if let field = [("runningMean", "running mean"), ("runningVariance", "running variance")]
            .first(where: { name.hasSuffix($0.0) }) {
            let parts = name.split(separator: ".")
            let state = parts.count > 1 ? "the batch-norm state \(parts[0])" : "the batch-norm state"
            let others = returned.filter { $0.contains("running") }.sorted()
            return "After the call, \(state) holds no \(field.1) (\(name) came back empty); "
                + (others.isEmpty ? "no running statistic came back." : "\(list(others)) came back.")
        }
        let others = returned.sorted()
        if others.isEmpty { return "The call returned no outputs at all." }
        return "\(name) is missing; " + (others.count <= 6 ? "\(list(others)) came back." : "\(others.count) other outputs came back.")
    }

    /// A weight tensor made in the wrong shape, said by its first wrong size: another
    /// size of the network (the input's, a layer's output size), or a whole multiple or
    /// fraction of the size that belongs there. `nil` when it is neither.
    /// - Parameters:
    ///   - name: the weight tensor, e.g. `"W2"`.
    ///   - got: its shape.
    ///   - expected: the shape it should have, of the same rank.
    ///   - sizes: the network's sizes, each with what it is (`("the input's size", 100)`).
    public static func layerSize(_ name: String, got: [Int], expected: [Int],
                                 sizes: [(label: String, size: Int)]) -> String? {
        guard got.count == expected.count, let axis = got.indices.first(where: { got[$0] != expected[$0] }),
              got[axis] > 0, expected[axis] > 0 else { return nil }
        let (have, want) = (got[axis], expected[axis])
        let lead = "\(name)'s dimension \(axis) is \(have) where \(want) belongs"
        let matching = sizes.filter { $0.size == have }.map(\.label)
        if !matching.isEmpty { return lead + ": \(have) is \(list(matching))." }
        if have % want == 0 { return lead + ": \(have / want) times that size." }
        if want % have == 0 { return lead + ": 1/\(want / have) of that size." }
        return nil
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
