import Foundation
import TensorKit

// What a crash's own message says about the code that made it. A crash is located at
// the student's line; when TensorKit stopped it, the message names shapes, and the
// shapes alone often say more than the message does: which axis a smaller operand was
// meant for, which axis two tensors disagree along, which transpose would have
// aligned a product, by what factor a reshape is off. Facts from the shapes, as the
// other descriptions are facts from the values; never a guess at the cause.

extension DifferenceDescription {
    /// What the shapes in a crash's reason say beyond the reason itself, for TensorKit's
    /// shape failures (broadcasting, `matmul`, `reshaped`, a layer's backward given a
    /// gradient of another shape). `nil` for any other crash,
    /// or when the shapes say nothing more.
    /// - Parameter reason: the crash's reason, as the runtime reported it.
    public static func crash(_ reason: String) -> String? {
        broadcastCrash(reason) ?? alignmentCrash(reason) ?? reshapeCrash(reason) ?? gradientShapeCrash(reason)
    }

    /// "cannot broadcast shapes A and B".
    ///
    /// A vector of length 50 against `(50, 4)` lines up with the last axis (4), while
    /// it matches axis 0: typically a mean or sum over axis 1 taken without keepDims,
    /// or over the wrong axis. Shapes of one rank (two or more) that differ where
    /// neither is 1 cannot be made to broadcast at all: along which axes they differ; a
    /// vector that matches no axis is said with the shape the other's elements would
    /// have as rows of its length.
    static func broadcastCrash(_ reason: String) -> String? {
        guard let shapes = shapes(in: reason, after: "cannot broadcast shapes ", count: 2) else { return nil }
        let (a, b) = (shapes[0], shapes[1])
        // Vectors of two lengths: the message says it all.
        if a.count == b.count, a.count > 1, let axes = disagreement(a, b) {
            return "\(formatShape(a)) and \(formatShape(b)) differ along \(axes), where neither is 1: no reshape or "
                + "keepDims makes them broadcast."
        }
        guard a.count != b.count else { return nil }
        let (large, small) = a.count > b.count ? (a, b) : (b, a)
        let fits = { (offset: Int) in small.indices.allSatisfy { small[$0] == large[offset + $0] || small[$0] == 1 } }
        let trailing = large.count - small.count
        guard let offset = (0..<trailing).first(where: fits) else {
            let count = large.reduce(1, *)
            guard small.count == 1, small[0] > 1, count % small[0] == 0, !large.contains(small[0]) else { return nil }
            return "\(formatShape(small)) is the size of no axis of \(formatShape(large)); as rows of \(small[0]), "
                + "its \(count) elements would have shape \(formatShape([count / small[0], small[0]]))."
        }
        let axes = Array(offset..<(offset + small.count))
        var wanted = [Int](repeating: 1, count: large.count)
        for (i, axis) in axes.enumerated() { wanted[axis] = small[i] }
        let last = small.count == 1 ? "the last axis" : "the last \(small.count) axes"
        let matched = axes.count == 1 ? "axis \(axes[0])" : "axes " + list(axes.map(String.init))
        return "\(formatShape(small)) lines up with \(last) of \(formatShape(large)) (broadcasting matches shapes from "
            + "the right), but it matches \(matched): to broadcast along \(matched) it needs shape \(formatShape(wanted)), "
            + "by a reshape, or by keepDims on the sum or mean that made it."
    }

    /// "matmul: shapes (A, B) and (C, D) not aligned": which transpose or order of the
    /// operands would align them; `nil` if none would.
    static func alignmentCrash(_ reason: String) -> String? {
        guard let shapes = shapes(in: reason, after: "matmul: shapes ", count: 2),
              shapes.allSatisfy({ $0.count == 2 }) else { return nil }
        let (left, right) = (shapes[0], shapes[1])
        let (l, r) = (formatShape(left), formatShape(right))
        var aligned: [String] = []
        if left[0] == right[0] { aligned.append("\(l) transposed, as \(formatShape(left.reversed()))·\(r)") }
        if left[1] == right[1] { aligned.append("\(r) transposed, as \(l)·\(formatShape(right.reversed()))") }
        if left[0] == right[1] { aligned.append("the other order, \(r)·\(l)") }
        // None: the message says it all.
        guard !aligned.isEmpty else { return nil }
        return "\(l) has \(left[1]) columns where \(r) has \(right[0]) rows; aligned would be "
            + aligned.joined(separator: "; or ") + "."
    }

    /// "cannot reshape n elements into S": by what factor S's size is off, and the shape
    /// with S's last two axes scaled that holds the elements, where there is one.
    static func reshapeCrash(_ reason: String) -> String? {
        guard let range = reason.range(of: "cannot reshape "), !reason.contains("unknown dimension"),
              let count = Int(reason[range.upperBound...].prefix(while: \.isNumber)),
              let target = shapes(in: reason, after: "elements into ", count: 1)?.first,
              !target.contains(where: { $0 < 0 }), count > 0 else { return nil }
        let size = target.reduce(1, *)
        guard size > 0, size != count, max(size, count) % min(size, count) == 0 else { return nil }
        let factor = max(size, count) / min(size, count)
        var text = size > count
            ? "\(formatShape(target)) holds \(size) elements, \(factor) times the \(count) there are"
            : "the \(count) elements are \(factor) times the \(size) that \(formatShape(target)) holds"
        let root = Int(Double(factor).squareRoot().rounded())
        if target.count >= 3, root * root == factor, root > 1 {
            var fitting = target
            let last = target.count - 2
            if size > count, target[last] % root == 0, target[last + 1] % root == 0 {
                (fitting[last], fitting[last + 1]) = (target[last] / root, target[last + 1] / root)
                text += "; with its last two axes each \(root) times smaller, \(formatShape(fitting)), it would hold them"
            } else if size < count {
                (fitting[last], fitting[last + 1]) = (target[last] * root, target[last + 1] * root)
                text += "; with its last two axes each \(root) times larger, \(formatShape(fitting)), it would hold them"
            }
        }
        return text + "."
    }

    /// "… backward: output gradient of shape G does not match the output O …": along
    /// which axes the gradient and the output the layer's input gives disagree.
    static func gradientShapeCrash(_ reason: String) -> String? {
        guard let gradient = shapes(in: reason, after: "output gradient of shape ", count: 1)?.first,
              let output = shapes(in: reason, after: "does not match the output ", count: 1)?.first,
              gradient.count == output.count else { return nil }
        guard let axes = disagreement(gradient, output) else { return nil }
        return "The gradient, \(formatShape(gradient)), and the output the cached input gives, \(formatShape(output)), "
            + "differ along \(axes): the gradient passed back is not of this layer's output, or the cache is not "
            + "this layer's input."
    }

    /// "axis 1, 10 against 8": the axes along which two shapes of one rank differ,
    /// neither being 1 there; `nil` if there are none.
    private static func disagreement(_ a: [Int], _ b: [Int]) -> String? {
        let axes = a.indices.filter { a[$0] != b[$0] && a[$0] != 1 && b[$0] != 1 }
        guard !axes.isEmpty else { return nil }
        let which = axes.count == 1 ? "axis \(axes[0])" : "axes " + list(axes.map(String.init))
        return which + ", " + list(axes.map { "\(a[$0]) against \(b[$0])" })
    }

    /// The first `count` shapes written as `(50, 4)` or `(50,)` after `marker`, or `nil`.
    private static func shapes(in reason: String, after marker: String, count: Int) -> [[Int]]? {
        guard let range = reason.range(of: marker) else { return nil }
        var rest = reason[range.upperBound...]
        var shapes: [[Int]] = []
        while shapes.count < count, let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let sizes = rest[rest.index(after: open)..<close].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { Int($0) }
            guard !sizes.isEmpty, !sizes.contains(nil) else { return nil }
            shapes.append(sizes.compactMap { $0 })
            rest = rest[rest.index(after: close)...]
        }
        return shapes.count == count ? shapes : nil
    }
}
