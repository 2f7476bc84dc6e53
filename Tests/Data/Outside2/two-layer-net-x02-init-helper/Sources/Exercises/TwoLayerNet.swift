import Curriculum
import TensorKit

/// Exercise `two-layer-net`: weights from `WeightInitialization.scale`, the layers as
/// small private helpers, regularization added in a loop over the weight names.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        let w1 = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        let w2 = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params = ["W1": w1, "b1": Tensor.zeros(hiddenDimension), "W2": w2, "b2": Tensor.zeros(classes)]
    }

    private static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        x.flattenedBatch().matmul(w) + b
    }

    private static func affineBackward(_ dout: Tensor, x: Tensor, w: Tensor) -> (Tensor, Tensor, Tensor) {
        (dout.matmul(w, transposingOther: true),
         x.matmul(dout, transposingSelf: true),
         dout.sum(axis: 0))
    }

    public func scores(_ x: Tensor) -> Tensor {
        let hidden = maximum(Self.affine(x, params["W1"]!, params["b1"]!), 0)
        return Self.affine(hidden, params["W2"]!, params["b2"]!)
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let hidden = maximum(Self.affine(x, params["W1"]!, params["b1"]!), 0)
        let scores = Self.affine(hidden, params["W2"]!, params["b2"]!)
        var (loss, dscores) = softmaxLoss(scores, labels: labels)

        var grads: [String: Tensor] = [:]
        let (dhidden, dw2, db2) = Self.affineBackward(dscores, x: hidden, w: params["W2"]!)
        grads["W2"] = dw2
        grads["b2"] = db2
        let dpre = Tensor.where(hidden .> 0, dhidden, Tensor.zeros(like: dhidden))
        let (_, dw1, db1) = Self.affineBackward(dpre, x: x, w: params["W1"]!)
        grads["W1"] = dw1
        grads["b1"] = db1

        for name in ["W1", "W2"] {
            let w = params[name]!
            loss += 0.5 * reg * (w * w).sum().scalar
            grads[name] = grads[name]! + reg * w
        }
        return (loss, grads)
    }
}
