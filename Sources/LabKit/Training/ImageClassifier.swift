import Curriculum
import TensorKit

/// A ConvNet that reads the lab's examples, one image per row: each batch `(N, C·H·W)`
/// is laid out as images `(N, C, H, W)` (a reshape: a row holds its channels' rows one
/// after another) before the network sees it.
public struct ImageClassifier<Net: ConvNetClassifier>: BatchNormClassifier {
    public var network: Net

    public init(_ network: Net) {
        self.network = network
    }

    public var params: [String: Tensor] {
        get { network.params }
        set { network.params = newValue }
    }

    public var batchNormStates: [BatchNormState] {
        get { network.batchNormStates }
        set { network.batchNormStates = newValue }
    }

    /// - Parameter x: one image per row, `(N, C·H·W)`.
    public func scores(_ x: Tensor) -> Tensor {
        network.scores(images(x))
    }

    /// - Parameter x: one image per row, `(N, C·H·W)`.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        network.loss(images(x), labels: labels)
    }

    private func images(_ rows: Tensor) -> Tensor {
        rows.reshaped([rows.shape[0]] + network.configuration.inputShape)
    }
}
