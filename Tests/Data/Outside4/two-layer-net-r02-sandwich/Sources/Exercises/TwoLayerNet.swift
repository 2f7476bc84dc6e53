import Curriculum
import TensorKit

/// Exercise `two-layer-net`, on the student's own `Affine` and `ReLU` through the
/// `AffineReLU` sandwich.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let initializer = WeightInitialization.scale(weightScale)
        params["W1"] = initializer.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        params["W2"] = initializer.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params["b1"] = Tensor.zeros(hiddenDimension)
        params["b2"] = Tensor.zeros(classes)
    }

    public func scores(_ x: Tensor) -> Tensor {
        let (hidden, _) = AffineReLU<Affine, ReLU>().forward(x, params["W1"]!, params["b1"]!)
        let (out, _) = Affine().forward(hidden, params["W2"]!, params["b2"]!)
        return out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let layer1 = AffineReLU<Affine, ReLU>()
        let layer2 = Affine()
        let (hidden, cache1) = layer1.forward(x, params["W1"]!, params["b1"]!)
        let (scores, cache2) = layer2.forward(hidden, params["W2"]!, params["b2"]!)
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        for name in ["W1", "W2"] {
            let w = params[name]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        let (dhidden, dW2, db2) = layer2.backward(dscores, cache: cache2)
        let (_, dW1, db1) = layer1.backward(dhidden, cache: cache1)
        grads["W1"] = dW1 + reg * params["W1"]!
        grads["b1"] = db1
        grads["W2"] = dW2 + reg * params["W2"]!
        grads["b2"] = db2
        return (loss, grads)
    }
}
