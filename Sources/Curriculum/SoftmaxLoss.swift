import TensorKit

/// The softmax (cross-entropy) loss of a batch of class scores, and its gradient.
///
/// Row `i` of `scores` becomes probabilities `p = exp(s) / Σ exp(s)`, and the loss is
/// the mean over the batch of `−log p[i, labels[i]]`. The gradient of that mean with
/// respect to the scores is `(p − onehot(labels)) / N`: the probabilities, minus one
/// at each correct class, shared equally over the batch.
///
/// Each row is first shifted by its own maximum. The shift cancels between numerator
/// and denominator, so the result is unchanged, but the largest exponent is then
/// `exp(0) = 1` and nothing overflows even for scores in the thousands.
///
/// - Parameters:
///   - scores: class scores of shape `(N, C)`.
///   - labels: `N` class indices, each in `0..<C`.
/// - Returns: the mean loss, and `dscores` of shape `(N, C)`.
public func softmaxLoss(_ scores: Tensor, labels: [Int]) -> (loss: Double, dscores: Tensor) {
    requireLabels(labels, fit: scores, in: "softmaxLoss")
    let n = Double(labels.count)
    let shifted = scores - scores.max(axis: 1, keepDims: true)
    let logProbabilities = shifted - log(exp(shifted).sum(axis: 1, keepDims: true))
    let loss = -logProbabilities.gather(columns: labels).sum().scalar / n
    let dscores = (exp(logProbabilities) - oneHot(labels, classes: scores.shape[1])) / n
    return (loss, dscores)
}
