import TensorKit

// A normalization layer's output that is its input normalized another way: over other
// axes (of x, or of x with its channels split into the call's groups), with the unbiased
// variance, or with eps added to the standard deviation — each way recomputed from the
// call's own `x`, `gamma`, `beta`, `eps` and `groups` and compared.

extension DifferenceDescription {
    /// One way of normalizing `x`: the axes its statistics are taken over, and two
    /// details students change.
    struct Normalization: Equatable {
        var axes: [Int]
        var unbiased = false
        var epsOutsideRoot = false
        /// The shape `x` is viewed in first, when its channels are split into groups.
        var grouped: [Int]? = nil

        /// "over axes 0, 2 and 3, with the unbiased variance (dividing by n − 1)".
        var text: String {
            var text = axes.count == 1 ? "over axis \(axes[0])" : "over axes \(list(axes.map(String.init)))"
            if let grouped { text += " of x reshaped to \(formatShape(grouped))" }
            if unbiased { text += ", with the unbiased variance (dividing by n − 1)" }
            if epsOutsideRoot { text += ", with eps added to the standard deviation instead of the variance" }
            return text
        }

        /// `(x − mean) / √(var + eps)` over `axes`, the statistics kept for broadcasting.
        func apply(_ x: Tensor, eps: Double) -> Tensor {
            let view = grouped.map { x.reshaped($0) } ?? x
            let mean = view.mean(axes: axes, keepDims: true)
            let variance = view.variance(axes: axes, ddof: unbiased ? 1 : 0, keepDims: true)
            return ((view - mean) / (epsOutsideRoot ? sqrt(variance) + eps : sqrt(variance + eps))).reshaped(x.shape)
        }
    }

    /// An output that is `γ · x̂ + β` for `x̂` the input normalized another way than
    /// the expected value is, said with both ways when the expected one is among them.
    static func normalizedOtherwise(_ name: String, got: Tensor, expected: Tensor, related: [String: Tensor],
                                    numbers: [String: Double]) -> String? {
        guard let x = related["x"], x.shape == got.shape, x.rank >= 2, x.rank <= 4,
              let gamma = related["gamma"], let beta = related["beta"], gamma.shape == beta.shape else { return nil }
        let eps = numbers["eps"] ?? 1e-5
        // Where γ and β go: as given when they have x's rank, else along an axis of their length.
        let placements: [[Int]] = gamma.rank == x.rank ? [gamma.shape]
            : gamma.rank == 1 ? x.shape.indices.filter { x.shape[$0] == gamma.count }.map { axis in
                x.shape.indices.map { $0 == axis ? gamma.count : 1 } } : []
        // x as it is, and, given a number of groups G, (N, C, H, W) viewed as (N, G, C/G, H, W).
        var views: [(shape: [Int], grouped: [Int]?)] = [(x.shape, nil)]
        if let g = numbers["groups"].map(Int.init), g > 1, x.rank == 4, x.shape[1] % g == 0 {
            let grouped = [x.shape[0], g, x.shape[1] / g, x.shape[2], x.shape[3]]
            views.append((grouped, grouped))
        }
        let ways = views.flatMap { view in
            (1..<(1 << view.shape.count)).map { bits in view.shape.indices.filter { bits & (1 << $0) != 0 } }.flatMap { axes in
                [false, true].flatMap { unbiased in [false, true].map {
                    Normalization(axes: axes, unbiased: unbiased, epsOutsideRoot: $0, grouped: view.grouped) } } }
        }
        func way(of value: Tensor) -> Normalization? {
            let scale = value.scalars.reduce(0) { max($0, abs($1)) }
            guard scale > 0 else { return nil }
            for shape in placements {
                let (g, b) = (gamma.reshaped(shape), beta.reshaped(shape))
                if let found = ways.first(where: { close(value.scalars, (g * $0.apply(x, eps: eps) + b).scalars, scale: 10 * scale) }) {
                    return found
                }
            }
            return nil
        }
        guard let mine = way(of: got) else { return nil }
        let reference = way(of: expected)
        guard reference != mine else { return nil }
        return "\(name) is gamma · x̂ + beta with x normalized \(mine.text)"
            + (reference.map { "; the expected value normalizes \($0.text)." } ?? ".")
    }
}
