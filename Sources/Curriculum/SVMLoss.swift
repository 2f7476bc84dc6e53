import TensorKit

/// The multiclass SVM (hinge) loss of a batch of class scores, and its gradient.
///
/// Every wrong class `j` of row `i` that scores within a margin of 1 of the correct
/// class costs `max(0, s[i, j] − s[i, labels[i]] + 1)`; the loss is the sum of these
/// costs, averaged over the batch. In the gradient, each wrong class with a positive
/// margin gets `+1/N`, and the correct class gets `−1/N` for each of them.
///
/// - Parameters:
///   - scores: class scores of shape `(N, C)`.
///   - labels: `N` class indices, each in `0..<C`.
/// - Returns: the mean loss, and `dscores` of shape `(N, C)`.
public func svmLoss(_ scores: Tensor, labels: [Int]) -> (loss: Double, dscores: Tensor) {
    requireLabels(labels, fit: scores, in: "svmLoss")
    let n = Double(labels.count)
    let correct = oneHot(labels, classes: scores.shape[1])
    let correctScores = scores.gather(columns: labels).reshaped(-1, 1)
    // The correct class is compared with itself; its margin does not count.
    let margins = maximum(scores - correctScores + 1, 0) * (1 - correct)
    let loss = margins.sum().scalar / n
    let violated = margins .> 0
    let dscores = (violated - correct * violated.sum(axis: 1, keepDims: true)) / n
    return (loss, dscores)
}
