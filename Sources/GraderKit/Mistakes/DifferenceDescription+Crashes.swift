import TensorKit

// What a crash's own message says about the code that made it. A crash is located at
// the student's line; for the commonest one, two shapes that do not broadcast, the
// shapes alone also say which axis the smaller operand was meant for.

extension DifferenceDescription {
    /// For a crash "cannot broadcast shapes A and B" where the operand of lower rank
    /// fits the other one at some axes other than its last ones: which axes those are,
    /// and the shape that would broadcast there. `nil` for any other crash, or shapes
    /// that fit nowhere.
    ///
    /// A vector of length 50 against `(50, 4)` lines up with the last axis (4), while
    /// it matches axis 0: typically a mean or sum over axis 1 taken without keepDims,
    /// or over the wrong axis.
    /// - Parameter reason: the crash's reason, as the runtime reported it.
    public static func broadcastCrash(_ reason: String) -> String? {
        guard let range = reason.range(of: "cannot broadcast shapes ") else { return nil }
        let shapes = reason[range.upperBound...].components(separatedBy: " and ").prefix(2).map(parseShape)
        guard shapes.count == 2, let a = shapes[0], let b = shapes[1], a.count != b.count else { return nil }
        let (large, small) = a.count > b.count ? (a, b) : (b, a)
        let fits = { (offset: Int) in small.indices.allSatisfy { small[$0] == large[offset + $0] || small[$0] == 1 } }
        let trailing = large.count - small.count
        guard let offset = (0..<trailing).first(where: fits) else { return nil }
        let axes = Array(offset..<(offset + small.count))
        var wanted = [Int](repeating: 1, count: large.count)
        for (i, axis) in axes.enumerated() { wanted[axis] = small[i] }
        let last = small.count == 1 ? "the last axis" : "the last \(small.count) axes"
        let matched = axes.count == 1 ? "axis \(axes[0])" : "axes " + list(axes.map(String.init))
        return "\(formatShape(small)) lines up with \(last) of \(formatShape(large)) (broadcasting matches shapes from "
            + "the right), but it matches \(matched): to broadcast along \(matched) it needs shape \(formatShape(wanted)), "
            + "by a reshape, or by keepDims on the sum or mean that made it."
    }

    /// `(50, 4)` or `(50,)` as an array of sizes; `nil` if it is not a shape.
    private static func parseShape(_ text: String) -> [Int]? {
        guard let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") else { return nil }
        let sizes = text[text.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { Int($0) }
        return sizes.contains(nil) || sizes.isEmpty ? nil : sizes.compactMap { $0 }
    }
}
