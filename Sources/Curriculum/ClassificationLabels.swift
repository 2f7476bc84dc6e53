import TensorKit

// Shared by the two given losses: checking that labels fit the scores, and turning
// them into a one-hot matrix.

/// Stops with a message naming `function` unless `scores` is a matrix `(N, C)` and
/// `labels` holds exactly `N` class indices, each in `0..<C`.
func requireLabels(_ labels: [Int], fit scores: Tensor, in function: String) {
    guard scores.rank == 2 else {
        shapeFailure("\(function): scores must have shape (N, C), got \(formatShape(scores.shape))")
    }
    let (n, c) = (scores.shape[0], scores.shape[1])
    if labels.count != n {
        shapeFailure("\(function): \(labels.count) labels for \(n) rows of scores \(formatShape(scores.shape)); need one label per row")
    }
    if let (row, label) = labels.enumerated().first(where: { $0.element < 0 || $0.element >= c }) {
        shapeFailure("\(function): label \(label) of row \(row) is not a class index in 0..<\(c)")
    }
}

/// The one-hot matrix of `labels`: shape `(labels.count, classes)`, with a 1 at
/// `[i, labels[i]]` and zeros elsewhere.
func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    Tensor.zeros([labels.count, classes])
        .scatterAdding(Tensor.ones([labels.count]), columns: labels)
}
