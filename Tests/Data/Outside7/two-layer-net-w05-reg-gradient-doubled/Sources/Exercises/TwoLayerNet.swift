import Curriculum
import TensorKit

/// Two-layer net from the student's own Affine and ReLU layers, via the AffineReLU sandwich.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        params["W1"] = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        params["W2"] = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params["b1"] = Tensor.zeros(hiddenDimension)
        params["b2"] = Tensor.zeros(classes)
    }

    public func scores(_ x: Tensor) -> Tensor {
        let (h, _) = AffineReLU(affine: Affine(), relu: ReLU()).forward(x, params["W1"]!, params["b1"]!)
        let (s, _) = Affine().forward(h, params["W2"]!, params["b2"]!)
        return s
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let first = AffineReLU(affine: Affine(), relu: ReLU())
        let second = Affine()
        let (h, cache1) = first.forward(x, params["W1"]!, params["b1"]!)
        let (s, cache2) = second.forward(h, params["W2"]!, params["b2"]!)
        let (dataLoss, dscores) = softmaxLoss(s, labels: labels)
        var regLoss = 0.0
        for key in ["W1", "W2"] {
            let w = params[key]!
            regLoss += (w * w).sum().scalar
        }
        let loss = dataLoss + 0.5 * reg * regLoss

        var grads: [String: Tensor] = [:]
        let (dh, dW2, db2) = second.backward(dscores, cache: cache2)
        let (_, dW1, db1) = first.backward(dh, cache: cache1)
        grads["W2"] = dW2 + 2 * reg * params["W2"]!
        grads["b2"] = db2
        grads["W1"] = dW1 + 2 * reg * params["W1"]!
        grads["b1"] = db1
        return (loss, grads)
    }
}
