import Curriculum
import TensorKit

// Layer by layer, with the caches named after the layers and the
// regularization written once as a loop over the weight names.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    private static let weightNames = ["W1", "W2"]

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let draw = WeightInitialization.scale(weightScale)
        let w1 = draw.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        let w2 = draw.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params = ["W1": w1, "b1": .zeros(hiddenDimension),
                  "W2": w2, "b2": .zeros(classes)]
    }

    public func scores(_ x: Tensor) -> Tensor {
        let affine = Affine(), relu = ReLU()
        let a1 = affine.forward(x, params["W1"]!, params["b1"]!).out
        let h1 = relu.forward(a1).out
        return affine.forward(h1, params["W2"]!, params["b2"]!).out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let affine = Affine(), relu = ReLU()
        let (a1, affine1Cache) = affine.forward(x, params["W1"]!, params["b1"]!)
        let (h1, reluCache) = relu.forward(a1)
        let (scores, affine2Cache) = affine.forward(h1, params["W2"]!, params["b2"]!)

        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        var penalty = 0.0
        for name in Self.weightNames {
            let w = params[name]!
            penalty += (w * w).sum().scalar
        }
        let loss = dataLoss + 0.5 * reg * penalty

        var grads: [String: Tensor] = [:]
        let back2 = affine.backward(dscores, cache: affine2Cache)
        grads["W2"] = back2.dw
        grads["b2"] = back2.db
        let da1 = relu.backward(back2.dx, cache: reluCache)
        let back1 = affine.backward(da1, cache: affine1Cache)
        grads["W1"] = back1.dw
        grads["b1"] = back1.db

        for name in Self.weightNames {
            grads[name]! += reg * params[name]!
        }
        return (loss, grads)
    }
}
