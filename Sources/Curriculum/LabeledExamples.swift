import TensorKit

/// Inputs and their class labels: what a ``Solver`` trains on and measures accuracy on.
public struct LabeledExamples: Sendable, Hashable, Codable {
    /// The inputs, shape `(N, D)`.
    public var x: Tensor
    /// `N` class indices.
    public var labels: [Int]

    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - labels: one class index per row of `x`.
    public init(x: Tensor, labels: [Int]) {
        if x.rank != 2 || x.shape[0] != labels.count {
            shapeFailure("LabeledExamples: inputs of shape \(formatShape(x.shape)) need one label per row, got \(labels.count) labels")
        }
        self.x = x
        self.labels = labels
    }

    /// `N`, the number of examples.
    public var count: Int { labels.count }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledExamples {
        LabeledExamples(x: x.rows(indices), labels: indices.map { labels[$0] })
    }

    /// The first `n` examples (all of them when there are fewer).
    public func prefix(_ n: Int) -> LabeledExamples {
        subset(Array(0..<Swift.min(n, count)))
    }
}
