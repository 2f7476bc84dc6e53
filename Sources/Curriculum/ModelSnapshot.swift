import TensorKit

/// Everything a trained classifier knows: its parameters and, for a network with batch
/// norm, the running statistics that test mode uses.
///
/// The ``Solver`` keeps one of these for the best validation accuracy and restores it
/// at the end; a ``Checkpoint`` saves two.
public struct ModelSnapshot: Sendable, Hashable, Codable {
    /// The learnable tensors by name (`W1`, `b1`, …).
    public var params: [String: Tensor]
    /// The batch-norm states of a ``BatchNormClassifier`` (`[]` for other models).
    public var batchNormStates: [BatchNormState]

    public init(params: [String: Tensor], batchNormStates: [BatchNormState] = []) {
        self.params = params
        self.batchNormStates = batchNormStates
    }

    /// The snapshot of `model`.
    public init(of model: some Classifier) {
        self.init(params: model.params,
                  batchNormStates: (model as? any BatchNormClassifier)?.batchNormStates ?? [])
    }

    /// Puts this snapshot's parameters and running statistics into `model`.
    public func restore<Model: Classifier>(into model: inout Model) {
        model.params = params
        // Only some networks have running statistics; the protocol that declares them is
        // not one `Model` is known to conform to here, so open it at run time.
        if var network = model as? any BatchNormClassifier {
            network.batchNormStates = batchNormStates
            model = network as! Model
        }
    }
}
